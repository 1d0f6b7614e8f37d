using FramesNet.Rpc.Logging;
using Microsoft.Extensions.Logging;

namespace FramesNet.Rpc.Tests.Logging;

/// <summary>The daemons' log lines: <c>time level component event key=value…</c>, quiet framework categories, errors.</summary>
public class LineLoggerFactoryTests
{
    private static readonly Action<ILogger, string, int, Exception?> Registered =
        LoggerMessage.Define<string, int>(LogLevel.Information, new EventId(2, "WorkerRegistered"), "worker {Worker} registered with {Slots} slots");

    private static readonly Action<ILogger, string, Exception?> Failed =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(7, "JobFailed"), "job failed: {Message}");

    private static readonly Action<ILogger, Exception?> Stopped =
        LoggerMessage.Define(LogLevel.Information, new EventId(11, "Stopped"), "stopped");

    private static readonly Action<ILogger, Exception?> LoopFailed =
        LoggerMessage.Define(LogLevel.Critical, new EventId(9, "LoopFailed"), "the loop failed");

    [Fact]
    public void An_event_is_one_line_of_its_name_and_values()
    {
        var (output, factory) = Create();

        Registered(factory.CreateLogger("FramesNet.Scheduler.Scheduler"), "w-1", 4, null);

        var line = Assert.Single(Lines(output));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info scheduler worker_registered worker=w-1 slots=4$", line);
    }

    [Fact]
    public void An_event_without_values_shows_its_text_only_when_it_says_more_than_the_name()
    {
        var (output, factory) = Create();
        var logger = factory.CreateLogger("scheduler");

        Stopped(logger, null);
        LoopFailed(logger, null);

        Assert.Equal([" info scheduler stopped", " fatal scheduler loop_failed msg=\"the loop failed\""], Lines(output).Select(l => l[l.IndexOf(' ')..]));
    }

    [Theory]
    [InlineData("plain", "message=plain")]
    [InlineData("two words", "message=\"two words\"")]
    [InlineData("a=b", "message=\"a=b\"")]
    [InlineData("say \"hi\"\nback\\slash", "message=\"say \\\"hi\\\"\\nback\\\\slash\"")]
    [InlineData("", "message=\"\"")]
    public void Values_that_would_break_the_line_apart_are_quoted(string message, string expected)
    {
        var (output, factory) = Create();

        Failed(factory.CreateLogger("worker"), message, null);

        Assert.EndsWith($" warn worker job_failed {expected}", Assert.Single(Lines(output)));
    }

    [Fact]
    public void Framework_and_rpc_categories_log_warnings_only_and_our_own_from_the_minimum()
    {
        var (output, factory) = Create(LogLevel.Debug);

        factory.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").LogInformation("chatter");
        factory.CreateLogger("FramesNet.Rpc.Server.RpcServer").LogInformation("gRPC server listening");
        factory.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").LogWarning("a real problem");
        factory.CreateLogger("store").LogDebug("spilled");
        factory.CreateLogger("store").LogTrace("too fine");

        Assert.Equal(
            [" warn kestrel message msg=\"a real problem\"", " debug store message msg=spilled"],
            Lines(output).Select(l => l[l.IndexOf(' ')..]));
    }

    [Fact]
    public void An_error_names_its_exception_on_the_line_and_a_fatal_one_adds_its_stack()
    {
        var (output, factory) = Create();
        var logger = factory.CreateLogger("scheduler");

        Failed(logger, "boom", Thrown(new InvalidOperationException("the state broke")));
        LoopFailed(logger, Thrown(new InvalidOperationException("the loop broke")));

        var lines = Lines(output);
        Assert.EndsWith(" warn scheduler job_failed message=boom error=\"InvalidOperationException: the state broke\"", lines[0]);
        Assert.EndsWith(" fatal scheduler loop_failed msg=\"the loop failed\" error=\"InvalidOperationException: the loop broke\"", lines[1]);
        Assert.Contains(nameof(Thrown), lines[2]);
    }

    private static (StringWriter Output, LineLoggerFactory Factory) Create(LogLevel minimum = LogLevel.Information)
    {
        var output = new StringWriter();
        return (output, new LineLoggerFactory(output, minimum));
    }

    private static List<string> Lines(StringWriter output) => output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).ToList();

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
