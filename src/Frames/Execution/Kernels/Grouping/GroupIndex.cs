using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// Picks the group table for a set of key types (dictionary keys are grouped by their values). Measured and
/// rejected: packing short composite keys (e.g. a 10-byte day and an int) into 16–32-byte slots — the table is
/// memory-bound, and wider slots made Q5 ~15% slower than probing 8-byte tag slots and comparing stored keys.
/// </summary>
internal static class GroupIndex
{
    public static IGroupIndex Create(IReadOnlyList<DataType> keyTypes)
    {
        var types = keyTypes.Select(t => t.Id == TypeId.Dictionary ? t.ValueType! : t).ToArray();
        if (types.Length == 1 && IntGroupTable.Supports(types[0]))
            return new IntGroupTable(types[0]);
        return new GroupTable(types);
    }
}
