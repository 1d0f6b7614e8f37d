using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Logging;
using FramesNet.Scheduler.Hosting;

namespace FramesNet.Scheduler;

/// <summary>
/// <c>frames-scheduler</c>: the cluster's central daemon, a thin shell over <see cref="SchedulerHost"/>.
/// Reads its flags, logs one line per event to stdout, stops cleanly on SIGTERM or Ctrl+C.
/// Exit codes: 0 stopped cleanly, 1 could not run (port taken, unreadable token), 2 bad flags, 3 internal error.
/// </summary>
internal static class Program
{
    private const string Name = "frames-scheduler";

    public static async Task<int> Main(string[] args)
    {
        // Parsing the protocol's descriptors takes a while: do it on the other core while the flags are read.
        var warm = Task.Run(() => SchedulerApi.Connect.FullName);
        var port = new Option<int>("--port") { Description = "gRPC port to listen on (0 takes a free one and logs it)", DefaultValueFactory = _ => 8786 };
        var host = new Option<string>("--host") { Description = "address to bind (0.0.0.0 for every interface)", DefaultValueFactory = _ => "127.0.0.1" };
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = "file holding the cluster's bearer token; every call must carry it" };
        var heartbeat = new Option<int>("--heartbeat-ms") { Description = "how often workers send heartbeats, in milliseconds", DefaultValueFactory = _ => 1000 };
        var missed = new Option<int>("--missed-heartbeats") { Description = "a worker silent this many heartbeats is removed", DefaultValueFactory = _ => 3 };
        var root = new RootCommand($"{Name}: places Frames task graphs on frames-worker daemons") { port, host, tokenFile, heartbeat, missed };
        root.SetAction((parse, _) => RunAsync(parse.GetValue(port), parse.GetValue(host)!, parse.GetValue(tokenFile), parse.GetValue(heartbeat), parse.GetValue(missed)));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                Console.Error.WriteLine($"{Name}: {error.Message}");
            Console.Error.WriteLine($"Try '{Name} --help'.");
            return 2;
        }
        await warm;
        return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    private static async Task<int> RunAsync(int port, string host, FileInfo? tokenFile, int heartbeatMs, int missedHeartbeats)
    {
        if (port is < 0 or > 65535)
            return Usage($"--port must be 0–65535, not {port}");
        if (heartbeatMs < 10)
            return Usage($"--heartbeat-ms must be at least 10, not {heartbeatMs}");
        if (missedHeartbeats < 1)
            return Usage($"--missed-heartbeats must be at least 1, not {missedHeartbeats}");
        if (ParseHost(host) is not { } address)
            return Usage($"--host '{host}' is not an IP address or a name of this machine");
        string? token = null;
        if (tokenFile is not null)
        {
            try
            {
                token = File.ReadAllText(tokenFile.FullName).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail($"cannot read the token file {tokenFile.FullName}: {e.Message}");
            }
            if (token.Length == 0)
                return Fail($"the token file {tokenFile.FullName} is empty");
        }

        // Start-up failures of the host are reported once, below; the host's own error line is not logged.
        using var loggerFactory = new LineLoggerFactory(Console.Out);
        var options = new SchedulerOptions
        {
            Host = address,
            Port = port,
            Token = token,
            HeartbeatInterval = TimeSpan.FromMilliseconds(heartbeatMs),
            MissedHeartbeats = missedHeartbeats,
            LoggerFactory = loggerFactory,
        };
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

        SchedulerHost scheduler;
        try
        {
            scheduler = await SchedulerHost.StartAsync(options);
        }
        catch (IOException e)
        {
            return Fail($"cannot listen on {address}:{port}: {e.InnerException?.Message ?? e.Message}");
        }
        await Task.WhenAny(stop.Task, scheduler.Completion);
        await scheduler.StopAsync();
        return scheduler.Completion.IsFaulted ? 3 : 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
    }

    private static IPAddress? ParseHost(string host)
    {
        if (IPAddress.TryParse(host, out var address))
            return address;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return IPAddress.Loopback;
        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault();
        }
        catch (System.Net.Sockets.SocketException)
        {
            return null;
        }
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"{Name}: {message}");
        return 2;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"{Name}: {message}");
        return 1;
    }
}
