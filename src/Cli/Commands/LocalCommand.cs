using System.CommandLine;
using System.Runtime.InteropServices;
using FramesNet.Cluster;
using FramesNet.Rpc.Daemons;

namespace FramesNet.Cli.Commands;

/// <summary>
/// <c>frames local --workers N</c>: a scheduler and N workers on loopback until Ctrl+C or SIGTERM. The
/// daemons' logs go to stderr with <c>--verbose</c>, to files with <c>--log-dir</c>; without either, a worker
/// that fails to start or dies still has its last lines printed.
/// </summary>
internal static class LocalCommand
{
    public static Command Create()
    {
        var workers = new Option<int>("--workers", "-w") { Description = "how many worker processes", DefaultValueFactory = _ => 2 };
        var port = new Option<int>("--port") { Description = "the scheduler's port (0: a free one)", DefaultValueFactory = _ => 8786 };
        var slots = new Option<int?>("--slots") { Description = "task slots per worker (default: cores / workers)" };
        var dataRoot = new Option<string[]>("--data-root") { Description = "a folder every worker reads files under (repeatable)" };
        var tokenFile = new Option<string?>("--token-file") { Description = "a file holding the cluster's bearer token" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "print the scheduler's and the workers' log lines to stderr (a worker's prefixed with its id)" };
        var logDir = new Option<string?>("--log-dir") { Description = "write each daemon's log to a file in this folder: scheduler.log, w-1.log, …" };
        var command = new Command("local", "Start a scheduler and worker processes on this machine (loopback) until Ctrl+C")
        {
            workers, port, slots, dataRoot, tokenFile, verbose, logDir,
        };
        command.SetAction(parse => CliApp.Guard(async () =>
        {
            // Every value is checked before anything starts.
            var count = parse.GetValue(workers);
            if (count < 1)
                throw new UsageException($"--workers must be at least 1, not {count}");
            if (FlagValues.PortError("--port", parse.GetValue(port)) is { } portError)
                throw new UsageException(portError);
            if (parse.GetValue(slots) is < 1 and var slotCount)
                throw new UsageException($"--slots must be at least 1, not {slotCount}");
            var roots = (parse.GetValue(dataRoot) ?? []).Select(Path.GetFullPath).ToArray();
            foreach (var root in roots)
            {
                if (!Directory.Exists(root))
                    throw new InputFileException($"--data-root {root} is not a folder");
            }
            if (parse.GetValue(tokenFile) is { } file)
                CredentialFiles.ReadToken("--token-file", file);
            var logs = parse.GetValue(logDir) is { } folder ? Path.GetFullPath(folder) : null;
            if (logs is not null && File.Exists(logs))
                throw new InputFileException($"--log-dir {logs} is a file, not a folder");
            var loud = parse.GetValue(verbose);
            var options = new LocalClusterOptions
            {
                Port = parse.GetValue(port),
                SlotsPerWorker = parse.GetValue(slots),
                TokenFile = parse.GetValue(tokenFile),
                DataRoots = roots.Length == 0 ? null : Enumerable.Repeat((IReadOnlyList<string>)roots, count).ToArray(),
                SchedulerLog = loud ? Console.Error : null,
                WorkerLog = loud ? Console.Error : null,
                LogDirectory = logs,
            };
            // Ctrl+C and SIGTERM are caught from the process's start (StopSignals): one that comes while the
            // cluster starts stops what has started.
            var stop = CliApp.Stopping;
            LocalCluster cluster;
            try
            {
                cluster = await LocalCluster.StartAsync(count, options, stop);
            }
            catch (WorkerStartException e)
            {
                Console.Error.WriteLine($"frames: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                Console.WriteLine("stopped before the cluster was ready");
                return ExitCodes.Ok;
            }
            await using (cluster)
            {
                var stopping = 0;
                foreach (var worker in cluster.Workers)
                {
                    worker.Exited += w =>
                    {
                        if (Volatile.Read(ref stopping) == 0)
                            Console.Error.WriteLine($"frames: worker {w.Name} exited with code {w.ExitCode}; its last lines:\n{Indent(w.RecentOutput)}");
                    };
                }
                Console.WriteLine($"frames cluster ready at {cluster.Url} with {count} worker{(count == 1 ? "" : "s")} ({cluster.StartTime.TotalMilliseconds:N0} ms). Ctrl+C stops it.");
                Console.WriteLine($"  from C#: await using var cluster = await Cluster.ConnectAsync(\"{cluster.Url}\");");
                if (logs is not null)
                    Console.WriteLine($"  logs in {logs}");
                try
                {
                    await Task.Delay(Timeout.Infinite, stop);
                }
                catch (OperationCanceledException)
                {
                    Volatile.Write(ref stopping, 1);
                    Console.WriteLine("stopping the cluster…");
                }
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Indent(string output) =>
        output.Length == 0 ? "  (nothing)" : string.Join('\n', output.Split('\n').Select(line => "  " + line));
}
