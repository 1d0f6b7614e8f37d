using FramesNet.Formats.Csv;
using FramesNet.Query;

namespace FramesNet.Cluster.Tests;

/// <summary>The benchmark queries with their scans listed by the cluster's workers.</summary>
internal static class ClusterQueries
{
    public static DataFrame Query(Cluster cluster, string query, string data) =>
        BenchmarkQueries.Query(query, data, cluster.Context, (pattern, schema) => cluster.ReadCsv(pattern, new CsvReadOptions { Schema = schema }));
}
