using System.Runtime.InteropServices;
using FramesNet.Worker;
using FramesNet.Worker.Connection;
using FramesNet.Rpc.Logging;
using Microsoft.Extensions.Logging;

// frames-worker: a thin shell over WorkerHost — flags, logging to stderr, SIGTERM/Ctrl+C.
var commandLine = new WorkerCommandLine();
var parse = commandLine.Command.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
        Console.Error.WriteLine($"frames-worker: {error.Message}");
    Console.Error.WriteLine("Try 'frames-worker --help'.");
    return WorkerExit.Usage;
}
// The root command has no action of its own: an action here is --help or --version.
if (parse.Action is not null)
    return await parse.InvokeAsync();

using var stop = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
WorkerHost? host = null;
try
{
    using var loggers = new LineLoggerFactory(Console.Error, commandLine.LogLevel(parse));
    var options = commandLine.Options(parse, loggers);
    host = await WorkerHost.StartAsync(options, stop.Token);
    using var stopping = stop.Token.Register(() => _ = host.StopAsync());
    var exit = await host.Completion;
    if (exit.Code != WorkerExit.Ok)
        Console.Error.WriteLine($"frames-worker: {exit.Reason}");
    return exit.Code;
}
catch (UsageException e)
{
    Console.Error.WriteLine($"frames-worker: {e.Message}");
    return WorkerExit.Usage;
}
catch (SchedulerUnreachableException e)
{
    Console.Error.WriteLine($"frames-worker: {e.Message}");
    return WorkerExit.SchedulerLost;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return WorkerExit.Ok;
}
catch (IOException e)
{
    // Most often the port is taken.
    Console.Error.WriteLine($"frames-worker: {e.Message}");
    return WorkerExit.Usage;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
