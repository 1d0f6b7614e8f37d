using FramesNet.Oracle.Tests.Data;
using FramesNet.Oracle.Tests.Plans;

namespace FramesNet.Oracle.Tests.Checking;

/// <summary>One generated case: its tables, its plan and how Frames cuts the work; all from <see cref="Seed"/>.</summary>
internal sealed record OracleCase(int Seed, IReadOnlyList<OracleTable> Tables, PlanNode Plan, CaseSettings Settings)
{
    public static OracleCase Generate(int seed, bool allowArrow)
    {
        var random = new Random(seed);
        var tables = Enumerable.Range(0, random.Next(1, 4))
            .Select(i => TableGenerator.Generate(random, $"t{i}", allowArrow, allowInference: true)).ToList();
        var settings = CaseSettings.Generate(random);
        var plan = new PlanGenerator(random, tables).Generate(random.Next(1, 6));
        return new OracleCase(seed, tables, plan, settings);
    }
}
