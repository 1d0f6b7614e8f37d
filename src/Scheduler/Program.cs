using System.Runtime.InteropServices;
using FramesNet.Rpc.Daemons;
using FramesNet.Rpc.Logging;
using FramesNet.Rpc.Protocol;
using FramesNet.Scheduler.Hosting;

namespace FramesNet.Scheduler;

/// <summary>
/// <c>frames-scheduler</c>: the cluster's central daemon, a thin shell over <see cref="SchedulerHost"/>.
/// Reads its flags, logs one line per event to stdout, stops cleanly on SIGTERM or Ctrl+C.
/// Exit codes (<see cref="ExitCode"/>): 0 stopped cleanly, 1 bad input (port taken, unreadable token file),
/// 2 bad command line, 3 internal error.
/// </summary>
internal static class Program
{
    private const string Name = "frames-scheduler";

    public static async Task<int> Main(string[] args)
    {
        // Loading the protocol's generated types takes a while: do it on the other core while the flags are read.
        var warm = Task.Run(() => System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Rpc.Protocol.Scheduler).TypeHandle));
        var commandLine = new SchedulerCommandLine();
        var parse = commandLine.Command.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                Console.Error.WriteLine($"{Name}: {error.Message}");
            Console.Error.WriteLine($"Try '{Name} --help'.");
            return ExitCode.Usage;
        }
        // The root command has no action of its own: an action here is --help or --version.
        if (parse.Action is not null)
            return await parse.InvokeAsync();

        // Start-up failures of the host are reported once, below; the host's own error line is not logged.
        using var loggerFactory = new LineLoggerFactory(Console.Out);
        SchedulerOptions options;
        try
        {
            options = commandLine.Options(parse, loggerFactory);
        }
        catch (UsageException e)
        {
            return Fail(ExitCode.Usage, e.Message);
        }
        catch (InputFileException e)
        {
            return Fail(ExitCode.BadInput, e.Message);
        }
        await warm;
        try
        {
            return await RunAsync(options);
        }
        catch (Exception e)
        {
            return Fail(ExitCode.Internal, $"internal error: {e}");
        }
    }

    private static async Task<int> RunAsync(SchedulerOptions options)
    {
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
            return Fail(ExitCode.BadInput, $"cannot listen on {options.Host}:{options.Port}: {e.InnerException?.Message ?? e.Message}");
        }
        await Task.WhenAny(stop.Task, scheduler.Completion);
        await scheduler.StopAsync();
        return scheduler.Completion.IsFaulted ? ExitCode.Internal : ExitCode.Ok;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
    }

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine($"{Name}: {message}");
        return code;
    }
}
