using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using Microsoft.Extensions.Logging;

using Grpc.Net.Client;

namespace FramesNet.Worker.Connection;

/// <summary>Registers the worker with the scheduler, retrying with back-off while it cannot be reached, up to a timeout.</summary>
internal sealed class Registrar(GrpcChannel scheduler, Uri address, RegisterWorkerRequest template, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan AttemptLimit = TimeSpan.FromSeconds(5);

    public async Task<RegisterWorkerReply> RegisterAsync(WorkerId previous, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        var backoff = Backoff.Default();
        var request = template.Clone();
        request.PreviousId = previous.Value;
        for (var attempt = 1; ; attempt++)
        {
            var remaining = timeout - time.GetElapsedTime(start);
            string reason;
            try
            {
                var attemptTimeout = remaining < AttemptLimit ? remaining : AttemptLimit;
                return await SchedulerApi.Client(scheduler).RegisterWorkerAsync(request, CallOptions.FromTimeout(attemptTimeout, cancellationToken));
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested && Retryable(e.StatusCode))
            {
                reason = e.Status.Text;
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SchedulerUnreachableException($"the scheduler at {address} refused this worker: {e.Status.Text}", e);
            }
            var delay = backoff.Next();
            var elapsed = time.GetElapsedTime(start);
            if (elapsed + delay >= timeout)
                throw new SchedulerUnreachableException(
                    $"cannot reach the scheduler at {address}: gave up after {attempt} attempts in {elapsed.TotalSeconds:F1} s ({reason})");
            ConnectionLog.RegisterRetry(logger, address, attempt, (long)delay.TotalMilliseconds, reason);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    private static bool Retryable(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Unknown or StatusCode.Internal or StatusCode.ResourceExhausted or StatusCode.Aborted;
}
