using FramesNet.Execution;
using Microsoft.DotNet.Interactive;

namespace FramesNet.Interactive;

/// <summary>
/// Loaded by the .NET Interactive kernel from FramesNet's package (<c>interactive-extensions/dotnet/</c>) after
/// <c>#r "nuget: FramesNet"</c>: registers the formatters for tables, frames, schemas and plans, and shows every
/// job a cell runs as one progress line that updates in place.
/// </summary>
public sealed class FramesKernelExtension : IKernelExtension
{
    private static readonly Lock Gate = new();
    private static IDisposable? _progress;

    public Task OnLoadAsync(Kernel kernel)
    {
        FramesFormatters.Register();
        lock (Gate)
            _progress ??= JobObservers.Add(new NotebookJobObserver());
        return Task.CompletedTask;
    }
}
