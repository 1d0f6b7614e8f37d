using System.CommandLine;
using System.Globalization;
using System.Text;
using FramesNet.Cluster;
using FramesNet.Rpc.Daemons;
using FramesNet.Rpc.Protocol;

namespace FramesNet.Cli.Commands;

/// <summary><c>frames status [--scheduler URL]</c>: a running cluster's workers (host, slots, memory, tasks) and jobs.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var scheduler = new Option<string>("--scheduler", "-s") { Description = "the scheduler's URL (https:// for one serving TLS)", DefaultValueFactory = _ => "http://127.0.0.1:8786" };
        var tokenFile = new Option<string?>("--token-file") { Description = "a file holding the client token (the scheduler's --token-file or --client-token-file)" };
        var tlsCa = new Option<string?>(TlsFiles.CaFlag) { Description = "CA certificates (PEM bundle) to trust for an https:// scheduler (default: the system's store)" };
        var timeout = new Option<string>("--timeout") { Description = "how long to wait for the scheduler: 10s, 500ms, 1m", DefaultValueFactory = _ => "10s" };
        var command = new Command("status", "Show a cluster's workers and jobs, as its scheduler sees them") { scheduler, tokenFile, tlsCa, timeout };
        command.SetAction(parse => CliApp.Guard(async () =>
        {
            var url = parse.GetValue(scheduler)!;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
                throw new UsageException($"--scheduler must be a URL like http://head:8786, not '{url}'");
            var wait = parse.GetValue(timeout)!;
            var connectTimeout = FlagValues.Duration(wait) ?? throw new UsageException(FlagValues.DurationError("--timeout", wait));
            var options = new ClusterOptions
            {
                Token = parse.GetValue(tokenFile) is { } file ? CredentialFiles.ReadToken("--token-file", file) : null,
                TrustedRoots = parse.GetValue(tlsCa) is { } ca ? CredentialFiles.ReadBundle(TlsFiles.CaFlag, ca) : null,
                ConnectTimeout = connectTimeout,
            };
            await using var cluster = await Cluster.Cluster.ConnectAsync(url, options, CliApp.Stopping);
            Console.Write(Render(url, await cluster.StatusAsync(CliApp.Stopping)));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The status as two aligned tables, workers then jobs.</summary>
    internal static string Render(string url, StatusReply status)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"scheduler {url}: {Count(status.Workers.Count, "worker")}, {Count(status.Jobs.Count, "job")}\n");
        if (status.Workers.Count > 0)
        {
            text.Append('\n');
            Table(text, ["worker", "host", "address", "slots", "running", "queued", "memory", "limit", "stored", "heartbeat"],
                status.Workers.Select(w => new[]
                {
                    w.WorkerId, w.Host, w.Address, Number(w.Slots), Number(w.Running), Number(Math.Max(0, w.Assigned - w.Running)),
                    Bytes(w.MemoryUsed), w.MemoryLimit > 0 ? Bytes(w.MemoryLimit) : "none", Bytes(w.StoredBytes),
                    $"{w.SecondsSinceHeartbeat.ToString("0.0", CultureInfo.InvariantCulture)} s ago",
                }));
        }
        if (status.Jobs.Count > 0)
        {
            text.Append('\n');
            Table(text, ["job", "name", "state", "done", "running", "time"],
                status.Jobs.Select(j => new[]
                {
                    j.Job, j.Name, j.State, $"{Number(j.TasksDone)}/{Number(j.TasksTotal)}", Number(j.TasksRunning),
                    $"{j.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s",
                }));
        }
        return text.ToString();
    }

    private static void Table(StringBuilder text, string[] header, IEnumerable<string[]> rows)
    {
        var all = new List<string[]> { header };
        all.AddRange(rows);
        var widths = header.Select((_, c) => all.Max(r => r[c].Length)).ToArray();
        foreach (var row in all)
            text.Append(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c])))).Append('\n');
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{(bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture)} GiB",
        >= 1L << 20 => $"{(bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture)} MiB",
        >= 1L << 10 => $"{(bytes / (double)(1L << 10)).ToString("0.0", CultureInfo.InvariantCulture)} KiB",
        _ => $"{Number(bytes)} B",
    };
}
