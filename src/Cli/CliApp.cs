using System.CommandLine;
using FramesNet.Cli.Commands;
using FramesNet.Execution;
using FramesNet.Expressions;
using FramesNet.Formats.Arrow;
using FramesNet.Formats.Csv;
using FramesNet.Plan;

namespace FramesNet.Cli;

/// <summary>The root of the `frames` command line; each subcommand lives in its own file under Commands/.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("frames: lazy, partitioned DataFrames for .NET — convert, inspect and run data jobs")
        {
            ConvertCommand.Create(),
            HeadCommand.Create(),
            SchemaCommand.Create(),
            DemoCommand.Create(),
            LocalCommand.Create(),
            StatusCommand.Create(),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                Console.Error.WriteLine($"frames: {error.Message}");
            Console.Error.WriteLine("Try 'frames --help'.");
            return ExitCodes.Usage;
        }
        using var signals = new StopSignals();
        s_stopping = signals.Token;
        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
    }

    private static CancellationToken s_stopping;

    /// <summary>Cancelled by the first Ctrl+C or SIGTERM (<see cref="StopSignals"/>); what every command stops on.</summary>
    public static CancellationToken Stopping => s_stopping;

    /// <summary>Runs a command body, turning the errors a user can cause into one clear line and an exit code.</summary>
    public static async Task<int> Guard(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (UsageException e)
        {
            return Fail(ExitCodes.Usage, e.Message);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return Fail(ExitCodes.BadInput, e.Message);
        }
        catch (Exception e) when (e is CsvFormatException or ArrowFormatException or FormatException or PlanException or ExpressionException or IOException)
        {
            return Fail(ExitCodes.BadInput, e.Message);
        }
        catch (TaskFailedException e)
        {
            return Fail(ExitCodes.BadInput, e.InnerException?.Message ?? e.Message);
        }
        catch (OperationCanceledException)
        {
            return Fail(ExitCodes.BadInput, "cancelled");
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"frames: internal error: {e}");
            return ExitCodes.Internal;
        }
    }

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine($"frames: {message}");
        return code;
    }
}
