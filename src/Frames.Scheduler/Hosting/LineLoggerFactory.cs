using Microsoft.Extensions.Logging;

namespace FramesNet.Scheduler.Hosting;

/// <summary>
/// A logger factory for the daemons without the dependency-injection machinery of
/// <c>LoggerFactory.Create</c> (which costs tens of milliseconds at start-up): every category goes to one
/// <see cref="LineLoggerProvider"/>, at <paramref name="minimum"/> for our own categories and at Warning for
/// the framework's (<c>Microsoft.*</c>) and the gRPC layer's (<c>FramesNet.Rpc.*</c>).
/// </summary>
public sealed class LineLoggerFactory(TextWriter output, LogLevel minimum = LogLevel.Information) : ILoggerFactory
{
    private readonly LineLoggerProvider _own = new(output, minimum);
    private readonly LineLoggerProvider _quiet = new(output, LogLevel.Warning);

    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("Microsoft.", StringComparison.Ordinal) || categoryName.StartsWith("FramesNet.Rpc", StringComparison.Ordinal)
            ? _quiet.CreateLogger(categoryName)
            : _own.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("LineLoggerFactory writes to its one output");

    public void Dispose()
    {
        _own.Dispose();
        _quiet.Dispose();
    }
}
