using System.Runtime.InteropServices;
using FramesNet.Rpc.Daemons;
using FramesNet.Worker;
using FramesNet.Worker.Connection;
using FramesNet.Rpc.Logging;

// frames-worker: a thin shell over WorkerHost — flags, logging to stderr, SIGTERM/Ctrl+C.
// Exit codes (ExitCode): 0 stopped, 1 bad input (a missing file or folder, port taken, scheduler unreachable
// or refusing), 2 bad command line, 3 internal error.
var commandLine = new WorkerCommandLine();
var parse = commandLine.Command.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
        Console.Error.WriteLine($"frames-worker: {error.Message}");
    Console.Error.WriteLine("Try 'frames-worker --help'.");
    return ExitCode.Usage;
}
// The root command has no action of its own: an action here is --help or --version.
if (parse.Action is not null)
    return await parse.InvokeAsync();

using var stop = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
WorkerOptions? options = null;
try
{
    using var loggers = new LineLoggerFactory(Console.Error, commandLine.LogLevel(parse));
    options = commandLine.Options(parse, loggers);
    var host = await WorkerHost.StartAsync(options, stop.Token);
    using var stopping = stop.Token.Register(() => _ = host.StopAsync());
    var exit = await host.Completion;
    if (exit.Code != WorkerExit.Ok)
        Console.Error.WriteLine($"frames-worker: {exit.Reason}");
    return exit.Code;
}
catch (UsageException e)
{
    return Fail(ExitCode.Usage, e.Message);
}
catch (InputFileException e)
{
    return Fail(ExitCode.BadInput, e.Message);
}
catch (SchedulerUnreachableException e)
{
    return Fail(ExitCode.BadInput, e.Message);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return ExitCode.Ok;
}
catch (IOException e) when (options is not null)
{
    // Binding the Worker service's port failed: most often it is taken.
    return Fail(ExitCode.BadInput, $"cannot listen on {options.Host}:{options.Port}: {e.InnerException?.Message ?? e.Message}");
}
catch (Exception e)
{
    return Fail(ExitCode.Internal, $"internal error: {e}");
}

static int Fail(int code, string message)
{
    Console.Error.WriteLine($"frames-worker: {message}");
    return code;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
