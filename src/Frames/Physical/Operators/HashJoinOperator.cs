using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Execution.Kernels;
using FramesNet.Plan;

namespace FramesNet.Physical;

/// <summary>
/// Joins the task's stream (the probe side) with a side input it builds a hash table from: the broadcast
/// side of a broadcast join, or this bucket of the other side in a shuffle join.
/// </summary>
internal sealed class HashJoinOperator : PhysicalOperator, ISideInputReader
{
    internal Schema Left => _left;

    internal IReadOnlyList<int> LeftKeys => _leftKeys;

    internal Schema Right => _right;

    internal IReadOnlyList<int> RightKeys => _rightKeys;

    internal JoinType Type => _type;

    internal JoinSide BuildSide => _buildSide;

    public int SideInput => _sideInput;

    public Schema ExpectedSideInput(Schema input) => _buildSide == JoinSide.Left ? _left : _right;

    private readonly Schema _left;
    private readonly Schema _right;
    private readonly int[] _leftKeys;
    private readonly int[] _rightKeys;
    private readonly JoinType _type;
    private readonly JoinSide _buildSide;
    private readonly int _sideInput;

    public HashJoinOperator(Schema left, int[] leftKeys, Schema right, int[] rightKeys, JoinType type, JoinSide buildSide, int sideInput)
    {
        _left = left;
        _right = right;
        _leftKeys = leftKeys;
        _rightKeys = rightKeys;
        _type = type;
        _buildSide = buildSide;
        _sideInput = sideInput;
        OutputSchema = Create().OutputSchema;
    }

    public override string Name => "hash_join";

    public override Schema OutputSchema { get; }

    public override string Describe()
    {
        var on = string.Join(", ", _leftKeys.Zip(_rightKeys, (l, r) => _left[l].Name == _right[r].Name ? _left[l].Name : $"{_left[l].Name} = {_right[r].Name}"));
        return $"HashJoin {_type.ToString().ToLowerInvariant()} on [{on}] build={_buildSide.ToString().ToLowerInvariant()}";
    }

    /// <summary>Which side input it builds from is part of what the task does.</summary>
    public override string Spec => $"{Describe()} side={_sideInput}";

    public override IEnumerable<RecordBatch> Execute(IEnumerable<RecordBatch> input, TaskContext context)
    {
        using var join = Create();
        foreach (var batch in context.SideInput(_sideInput))
            join.AddBuild(batch);
        foreach (var batch in input)
        {
            foreach (var output in join.Probe(batch))
                yield return output;
            context.Release(batch);
        }
        foreach (var output in join.Finish())
            yield return output;
    }

    /// <summary>Build-side strings come out dictionary-encoded: no per-row string copies, and group-bys on them hash each value once.</summary>
    private HashJoin Create() => new(_left, _leftKeys, _right, _rightKeys, _type, new HashJoinOptions { BuildSide = _buildSide, BuildSideAsDictionary = true });
}
