using Microsoft.Extensions.Hosting;

namespace FramesNet.Rpc.Internal.Server;

/// <summary>
/// Replaces ASP.NET Core's console lifetime: a server is a component, stopped by its owner through
/// <c>StopAsync</c>, and must not take over the process's Ctrl+C and SIGTERM (nor print its banner).
/// </summary>
internal sealed class HostedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
