using System.Collections.Concurrent;
using FramesNet.Rpc.Server;
using FramesNet.Rpc.Tests.Protos;
using Google.Protobuf;

namespace FramesNet.Rpc.Tests.TestSupport;

/// <summary>
/// The Frames implementation of the test Echo service (semantics in Protos/test.proto). It records what
/// each call (by tag) saw, so tests can check the server side: cancellation, deadline, headers, peer.
/// </summary>
internal sealed class EchoService : Echo.EchoBase
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _events = new();

    /// <summary>What each call's handler saw, by tag (the context itself is gone once the call ends).</summary>
    public ConcurrentDictionary<string, SeenCall> Calls { get; } = new();

    public RpcServices Services() => new RpcServices().Add(EchoApi.ServiceName, binder => Echo.BindService(binder, this), () => Echo.Descriptor);

    /// <summary>What the server noted for <paramref name="tag"/> ("cancelled", "done"); fails after 10 s.</summary>
    public Task<string> SeenAsync(string tag) => Event(tag).Task.WaitAsync(Patience.Wait);

    /// <summary>Waits until at least <paramref name="count"/> calls reached a handler.</summary>
    public async Task WaitForCallsAsync(int count)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (Calls.Count < count)
        {
            if (watch.Elapsed > Patience.Wait)
                throw new TimeoutException($"only {Calls.Count} of {count} calls reached the server within {Patience.Wait}");
            await Task.Delay(5);
        }
    }

    private TaskCompletionSource<string> Event(string tag) =>
        _events.GetOrAdd(tag, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));

    private void Note(string tag, string what) => Event(tag).TrySetResult(what);

    public override async Task<EchoReply> Unary(EchoRequest request, ServerCallContext context)
    {
        Calls[request.Tag] = SeenCall.From(context);
        EchoHeadersAsTrailers(context);
        await Observe(request.Tag, context, async () => await DelayAsync(request, context));
        ThrowIfFailing(request);
        Note(request.Tag, "done");
        return Reply(request, 0);
    }

    public override async Task ServerStream(EchoRequest request, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        Calls[request.Tag] = SeenCall.From(context);
        EchoHeadersAsTrailers(context);
        await Observe(request.Tag, context, async () =>
        {
            for (var i = 0; i < request.Count; i++)
            {
                if (request.FailCode != 0 && i == request.FailAfter)
                    ThrowIfFailing(request);
                await DelayAsync(request, context);
                await responses.WriteAsync(Reply(request, i));
            }
        });
        Note(request.Tag, "done");
    }

    public override async Task<EchoReply> ClientStream(IAsyncStreamReader<EchoRequest> requests, ServerCallContext context)
    {
        var count = 0;
        long total = 0;
        var tag = "";
        await Observe(() => tag, context, async () =>
        {
            await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
            {
                tag = request.Tag;
                Calls[tag] = SeenCall.From(context);
                ThrowIfFailing(request);
                await DelayAsync(request, context);
                count++;
                total += request.Payload.Length;
            }
        });
        Note(tag, "done");
        return new EchoReply { Count = count, TotalBytes = total, Tag = tag };
    }

    public override async Task Bidi(IAsyncStreamReader<EchoRequest> requests, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        var index = 0;
        var tag = "";
        await Observe(() => tag, context, async () =>
        {
            while (await requests.MoveNext())
            {
                var request = requests.Current;
                tag = request.Tag;
                ThrowIfFailing(request);
                await DelayAsync(request, context);
                await responses.WriteAsync(Reply(request, index++));
            }
        });
        Note(tag, "done");
    }

    private Task Observe(string tag, ServerCallContext context, Func<Task> body) => Observe(() => tag, context, body);

    /// <summary>Runs <paramref name="body"/>, noting "cancelled" when the call's token stopped it.</summary>
    private async Task Observe(Func<string> tag, ServerCallContext context, Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception) when (context.CancellationToken.IsCancellationRequested)
        {
            Note(tag(), "cancelled");
            throw;
        }
    }

    /// <summary>Request headers named x-* come back as trailers (on errors too).</summary>
    private static void EchoHeadersAsTrailers(ServerCallContext context)
    {
        foreach (var entry in context.RequestHeaders)
        {
            if (!entry.Key.StartsWith("x-", StringComparison.Ordinal))
                continue;
            if (entry.IsBinary)
                context.ResponseTrailers.Add(entry.Key, entry.ValueBytes);
            else
                context.ResponseTrailers.Add(entry.Key, entry.Value);
        }
    }

    private static Task DelayAsync(EchoRequest request, ServerCallContext context) =>
        request.DelayMs > 0 ? Task.Delay(request.DelayMs, context.CancellationToken) : Task.CompletedTask;

    private static void ThrowIfFailing(EchoRequest request)
    {
        if (request.FailCode == -1)
            throw new InvalidOperationException("secret internals: connection string Server=db;Password=hunter2");
        if (request.FailCode != 0)
            throw new RpcException(new Status((StatusCode)request.FailCode, request.FailMessage));
    }

    private static EchoReply Reply(EchoRequest request, int index) => new()
    {
        Payload = request.ReplySize > 0 ? ByteString.CopyFrom(new byte[request.ReplySize]) : request.Payload,
        Index = index,
        Tag = request.Tag,
    };

    public sealed record SeenCall(string Method, string Peer, DateTime Deadline, Metadata RequestHeaders)
    {
        public static SeenCall From(ServerCallContext context) => new(context.Method, context.Peer, context.Deadline, context.RequestHeaders);
    }
}
