namespace FramesNet.Cluster;

/// <summary>
/// A worker process of a <see cref="LocalCluster"/> exited while the cluster started: the message names it,
/// its exit code and its last lines (its own error, e.g. <c>frames-worker: --data-root /x is not a folder</c>).
/// </summary>
public sealed class WorkerStartException(string worker, int exitCode, string output)
    : Exception($"worker {worker} exited with code {exitCode} during start-up; its last lines:\n{Indent(output)}")
{
    /// <summary>The worker's id (<c>w-2</c>).</summary>
    public string Worker { get; } = worker;

    public int ExitCode { get; } = exitCode;

    /// <summary>The last lines it wrote (stderr and stdout).</summary>
    public string Output { get; } = output;

    private static string Indent(string output) =>
        output.Length == 0 ? "  (nothing)" : string.Join('\n', output.Split('\n').Select(line => "  " + line));
}
