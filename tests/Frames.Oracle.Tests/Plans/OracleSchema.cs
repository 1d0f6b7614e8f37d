using FramesNet.Columns;

namespace FramesNet.Oracle.Tests.Plans;

/// <summary>
/// A column of a generated plan: the type Frames reports, and whether its values are exact. Inexact columns
/// (float sums, means, spreads, and what is computed from them) depend on the order of additions, so they
/// are compared with a tolerance and never used where a tiny difference changes rows (filters, keys, sorts).
/// </summary>
internal sealed record OracleField(string Name, DataType Type, bool Exact = true);

/// <summary>The columns of a generated plan, and whether rows still come in file order of one scan (first/last are defined then).</summary>
internal sealed record OracleSchema(IReadOnlyList<OracleField> Fields, bool ScanOrdered = false)
{
    public OracleField? Find(string name) => Fields.FirstOrDefault(f => f.Name == name);

    public OracleField this[string name] => Find(name) ?? throw new KeyNotFoundException($"no column {name} in [{string.Join(", ", Fields.Select(f => f.Name))}]");

    public IEnumerable<string> Names => Fields.Select(f => f.Name);

    public bool AllExact => Fields.All(f => f.Exact);
}
