using FramesNet.Formats.Csv;
using FramesNet.Physical;
using FramesNet.Plan.Optimizer;

namespace FramesNet.Oracle.Tests.Checking;

/// <summary>
/// How Frames cuts the work in one case: small scan partitions (files split into byte ranges), small batches,
/// tree or shuffle combining, broadcast or shuffled joins, and sometimes one optimiser rule switched off.
/// </summary>
internal sealed record CaseSettings(long ScanPartitionBytes, int BatchRows, int TreeFanIn, int ShuffleBuckets, CombineStrategy Combine,
    long BroadcastThresholdBytes, string? DisabledRule, int CsvBatchRows)
{
    private static readonly string[] Rules = ["constant_folding", "filter_merging", "predicate_pushdown", "projection_pushdown", "top_k", "join_strategy"];

    public static CaseSettings Generate(Random random) => new(
        ScanPartitionBytes: random.Next(3) == 0 ? 32L << 20 : random.Next(64, 2048),
        BatchRows: random.Next(3) == 0 ? 64 * 1024 : random.Next(1, 50),
        TreeFanIn: random.Next(2, 5),
        ShuffleBuckets: random.Next(0, 6),
        Combine: (CombineStrategy)random.Next(Enum.GetValues<CombineStrategy>().Length),
        BroadcastThresholdBytes: random.Next(2) == 0 ? 0 : 64L << 20,
        DisabledRule: random.Next(6) == 0 ? Rules[random.Next(Rules.Length)] : null,
        CsvBatchRows: random.Next(2) == 0 ? 64 * 1024 : random.Next(1, 40));

    public FramesContext Apply(FramesContext context) => context with
    {
        Physical = PhysicalOptions.Default with
        {
            ScanPartitionBytes = ScanPartitionBytes,
            BatchRows = BatchRows,
            TreeFanIn = TreeFanIn,
            ShuffleBuckets = ShuffleBuckets,
            Combine = Combine,
        },
        Optimizer = OptimizerOptions.Default with
        {
            BroadcastThresholdBytes = BroadcastThresholdBytes,
            Disabled = DisabledRule is null ? new HashSet<string>() : new HashSet<string> { DisabledRule },
        },
    };

    public CsvReadOptions CsvOptions(Columns.Schema? schema) => new() { Schema = schema, BatchRows = CsvBatchRows };
}
