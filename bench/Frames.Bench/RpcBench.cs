using System.Diagnostics;
using System.Globalization;
using FramesNet.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Server;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using static FramesNet.Bench.BenchArgs;

namespace FramesNet.Bench;

/// <summary>
/// Frames.Rpc on loopback: unary latency and rate (1 and 32 callers), server- and client-stream
/// throughput by message size (default 1 MiB and 4 MiB). Server and client share this process (and its 2 cores).
/// Usage: rpc [--seconds S] [--repeats N] [--stream-mib M] [--sizes-kib 64,1024,4096]
/// </summary>
internal sealed class RpcBench : IBenchCommand
{
    private const int MiB = 1024 * 1024;

    // Well-known wrapper types keep the bench free of code generation. A stream request is "count size".
    private static readonly Method<BytesValue, BytesValue> Echo = new(MethodType.Unary, "frames.bench.v1.Bench", "Echo", Marshal(BytesValue.Parser), Marshal(BytesValue.Parser));
    private static readonly Method<StringValue, BytesValue> Download = new(MethodType.ServerStreaming, "frames.bench.v1.Bench", "Download", Marshal(StringValue.Parser), Marshal(BytesValue.Parser));
    private static readonly Method<BytesValue, Int64Value> Upload = new(MethodType.ClientStreaming, "frames.bench.v1.Bench", "Upload", Marshal(BytesValue.Parser), Marshal(Int64Value.Parser));

    private static Marshaller<T> Marshal<T>(MessageParser<T> parser) where T : IMessage<T> =>
        Marshallers.Create(m => m.ToByteArray(), parser.ParseFrom);

    public string Name => "rpc";

    public string Description => "gRPC layer on loopback: unary latency/rate, stream throughput (GB/s)";

    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var seconds = Number(args, "--seconds", 3.0);
        var repeats = (int)Number(args, "--repeats", 3.0);
        var streamBytes = (long)(Number(args, "--stream-mib", 1024.0) * MiB);
        Console.WriteLine($"rpc bench: {Environment.ProcessorCount} cores, load {LoadAverage()}, {seconds} s per unary run, {streamBytes / MiB} MiB per stream run, median of {repeats}");

        await using var server = await RpcServer.StartAsync(Services(), new RpcServerOptions { MaxReceiveMessageSize = 64 * MiB });
        using var channel = RpcChannel.Create(server.Address, new RpcChannelOptions { MaxReceiveMessageSize = 64 * MiB });

        await UnaryLoopAsync(channel, 1, TimeSpan.FromSeconds(0.5)); // warm-up: JIT, connections
        var single = Median(repeats, () => UnaryLoopAsync(channel, 1, TimeSpan.FromSeconds(seconds)));
        var (oneCaller, latencies) = await single;
        Console.WriteLine($"unary, 1 caller:     {oneCaller,9:N0} calls/s   median {Percentile(latencies, 0.5):F0} µs, p99 {Percentile(latencies, 0.99):F0} µs");
        var (many, _) = await Median(repeats, () => UnaryLoopAsync(channel, 32, TimeSpan.FromSeconds(seconds)));
        Console.WriteLine($"unary, 32 callers:   {many,9:N0} calls/s");

        foreach (var size in (Text(args, "--sizes-kib") ?? "1024,4096").Split(',').Select(k => int.Parse(k, CultureInfo.InvariantCulture) * 1024))
        {
            var count = (int)Math.Max(1, streamBytes / size);
            await DownloadAsync(channel, Math.Min(count, 16), size);
            var down = await MedianRate(repeats, () => DownloadAsync(channel, count, size));
            Console.WriteLine($"server stream {size / 1024,5} KiB: {down,6:F2} GB/s");
            var up = await MedianRate(repeats, () => UploadAsync(channel, count, size));
            Console.WriteLine($"client stream {size / 1024,5} KiB: {up,6:F2} GB/s");
        }
        return 0;
    }

    private static RpcServices Services()
    {
        var payloads = new Dictionary<int, ByteString>();
        return new RpcServices().Add("frames.bench.v1.Bench", binder =>
        {
            binder.AddMethod(Echo, (request, _) => Task.FromResult(request));
            binder.AddMethod(Download, async (request, responses, context) =>
            {
                var parts = request.Value.Split(' ');
                var count = int.Parse(parts[0], CultureInfo.InvariantCulture);
                var size = int.Parse(parts[1], CultureInfo.InvariantCulture);
                ByteString payload;
                lock (payloads)
                {
                    if (!payloads.TryGetValue(size, out payload!))
                        payloads[size] = payload = UnsafeByteOperations.UnsafeWrap(new byte[size]);
                }
                var message = new BytesValue { Value = payload };
                for (var i = 0; i < count; i++)
                    await responses.WriteAsync(message, context.CancellationToken);
            });
            binder.AddMethod(Upload, async (requests, context) =>
            {
                long total = 0;
                await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
                    total += request.Value.Length;
                return new Int64Value { Value = total };
            });
        });
    }

    private static async Task<(double CallsPerSecond, List<double> LatenciesMicros)> UnaryLoopAsync(GrpcChannel channel, int callers, TimeSpan duration)
    {
        var request = new BytesValue { Value = ByteString.CopyFrom(new byte[16]) };
        var invoker = channel.CreateCallInvoker();
        var latencies = new List<double>[callers];
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async c =>
        {
            var mine = latencies[c] = new List<double>(100_000);
            while (total.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                await invoker.AsyncUnaryCall(Echo, null, default, request);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }));
        var all = latencies.SelectMany(l => l).ToList();
        return (all.Count / total.Elapsed.TotalSeconds, all);
    }

    /// <summary>Bytes per second of one server stream of <paramref name="count"/> messages.</summary>
    private static async Task<double> DownloadAsync(GrpcChannel channel, int count, int size)
    {
        var watch = Stopwatch.StartNew();
        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(Download, null, default, new StringValue { Value = $"{count} {size}" });
        long bytes = 0;
        await foreach (var message in call.ResponseStream.ReadAllAsync())
            bytes += message.Value.Length;
        return bytes / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> UploadAsync(GrpcChannel channel, int count, int size)
    {
        var message = new BytesValue { Value = UnsafeByteOperations.UnsafeWrap(new byte[size]) };
        var watch = Stopwatch.StartNew();
        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(Upload, null, default);
        for (var i = 0; i < count; i++)
            await call.RequestStream.WriteAsync(message);
        await call.RequestStream.CompleteAsync();
        var total = await call;
        return total.Value / watch.Elapsed.TotalSeconds;
    }

    private static async Task<(double, List<double>)> Median(int repeats, Func<Task<(double, List<double>)>> run)
    {
        var results = new List<(double Rate, List<double> Latencies)>();
        for (var i = 0; i < repeats; i++)
            results.Add(await run());
        return results.OrderBy(r => r.Rate).ElementAt(results.Count / 2);
    }

    private static async Task<double> MedianRate(int repeats, Func<Task<double>> run)
    {
        var rates = new List<double>();
        for (var i = 0; i < repeats; i++)
            rates.Add(await run() / 1e9);
        rates.Sort();
        return rates[rates.Count / 2];
    }

    private static double Percentile(List<double> values, double p)
    {
        values.Sort();
        return values.Count == 0 ? 0 : values[(int)Math.Min(values.Count - 1, p * values.Count)];
    }
}
