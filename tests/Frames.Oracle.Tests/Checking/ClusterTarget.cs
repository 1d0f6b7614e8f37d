using FramesNet.Cluster;
using FramesNet.Oracle.Tests.Data;

namespace FramesNet.Oracle.Tests.Checking;

/// <summary>
/// A cluster of real <c>frames-scheduler</c>/<c>frames-worker</c> processes on loopback. The cluster client
/// reads CSV only (<c>cluster.ReadCsv</c>, absolute globs), so cases for it are generated without Arrow tables;
/// once the client has <c>ReadArrow</c>, set <see cref="ReadsArrow"/> and add its arm in <see cref="Scan"/>.
/// </summary>
internal sealed class ClusterTarget(FramesNet.Cluster.Cluster cluster) : IFramesTarget
{
    public string Name => "cluster";

    public bool ReadsArrow => false;

    public DataFrame Scan(OracleTable table, IReadOnlyList<string> paths, CaseSettings settings)
    {
        var glob = Path.Combine(Path.GetDirectoryName(paths[0])!, $"{table.Name}-*.csv");
        var frame = table.Format switch
        {
            TableFormat.Csv => cluster.ReadCsv(glob, settings.CsvOptions(table.ValueSchema)),
            TableFormat.CsvInferred => cluster.ReadCsv(glob, settings.CsvOptions(null)),
            _ => throw new NotSupportedException("the cluster client reads CSV only; Arrow tables are not generated for it"),
        };
        return frame.WithContext(settings.Apply(cluster.Context));
    }
}
