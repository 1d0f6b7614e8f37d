using System.Diagnostics;
using System.Globalization;
using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using FramesNet.Scheduler.Core;
using FramesNet.Scheduler.Hosting;
using Google.Protobuf;
using PartitionRef = FramesNet.Scheduler.Core.PartitionRef;
using TasksFinished = FramesNet.Scheduler.Core.TasksFinished;
using static FramesNet.Bench.BenchArgs;

namespace FramesNet.Bench;

/// <summary>
/// The scheduler's throughput with trivial tasks: N independent tasks through (1) the pure core alone,
/// events in and commands out, workers answering each batch at once; (2) a real in-process scheduler with
/// W fake workers over gRPC on loopback, from SubmitGraph to JobFinished; and (3) the frames-scheduler
/// process's start-up time to its "listening" line.
/// Usage: scheduler [--tasks N] [--workers W] [--slots S] [--repeats R] [--no-outputs] [--starts K] [--parts]
/// (--parts also times each protocol step on its own). Frames.Bench runs with non-concurrent GC; the
/// daemon runs with the default background GC: DOTNET_gcConcurrent=1 measures under the daemon's mode.
/// </summary>
internal sealed class SchedulerBench : IBenchCommand
{
    public string Name => "scheduler";

    public string Description => "scheduler: tasks/s through the core and over gRPC with fake workers; daemon start-up time";

    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var tasks = (int)Number(args, "--tasks", 100_000);
        var workers = (int)Number(args, "--workers", 2);
        var slots = (int)Number(args, "--slots", 32);
        var repeats = (int)Number(args, "--repeats", 3);
        var starts = (int)Number(args, "--starts", 5);
        var outputs = !args.Contains("--no-outputs");
        Console.WriteLine($"scheduler bench: {tasks:N0} independent tasks, {workers} workers × {slots} slots, results {(outputs ? "all tasks" : "none")}, "
            + $"{Environment.ProcessorCount} cores, load {LoadAverage()}, median of {repeats}");

        var build = Median(repeats, () => Time(() => JobGraph.Build(Definitions(tasks), outputs ? Outputs(tasks) : [])));
        Console.WriteLine($"graph check:   {build * 1e3,8:F1} ms   ({build / tasks * 1e6:F2} µs/task)");
        if (args.Contains("--parts"))
            Parts(tasks, 2 * slots, outputs);
        var core = Median(repeats, () => CoreOnly(tasks, workers, slots, outputs));
        Console.WriteLine($"core only:     {core * 1e3,8:F1} ms   {tasks / core,12:N0} tasks/s   ({core / tasks * 1e6:F2} µs/task)");

        await EndToEndAsync(Math.Min(tasks, 10_000), workers, slots, outputs); // warm-up: JIT, connections
        var times = new List<double>();
        for (var r = 0; r < repeats; r++)
            times.Add(await EndToEndAsync(tasks, workers, slots, outputs));
        times.Sort();
        var wire = times[times.Count / 2];
        Console.WriteLine($"over gRPC:     {wire * 1e3,8:F1} ms   {tasks / wire,12:N0} tasks/s   ({wire / tasks * 1e6:F2} µs/task; best {tasks / times[0]:N0} tasks/s)");

        if (starts > 0)
        {
            var start = await StartupAsync(starts);
            Console.WriteLine($"daemon start:  {start * 1e3,8:F0} ms   process start to 'listening' line (median of {starts})");
        }
        return 0;
    }

    /// <summary>The core alone: workers answer every batch at once; time from submission to the finished notice.</summary>
    private static double CoreOnly(int count, int workers, int slots, bool outputs)
    {
        var graph = JobGraph.Build(Definitions(count), outputs ? Outputs(count) : []);
        var core = new SchedulerCore();
        var now = DateTimeOffset.UnixEpoch;
        for (var w = 0; w < workers; w++)
        {
            var id = core.NewWorkerId(null);
            core.Handle(new WorkerRegistered(id, new WorkerDescription($"h{w}", $"http://h{w}:1", slots, 0, [], "bench")), now);
            core.Handle(new WorkerConnected(id, w + 1, []), now);
        }
        var pending = new Queue<SchedulerCommand>();
        var clock = Stopwatch.StartNew();
        foreach (var command in core.Handle(new JobSubmitted(core.NewJobId(), "bench", graph, 3, false), now))
            pending.Enqueue(command);
        while (pending.TryDequeue(out var command))
        {
            if (command is NotifyFinished)
                return clock.Elapsed.TotalSeconds;
            if (command is not SendTasks send)
                continue;
            var done = new TaskCompletion[send.Tasks.Count];
            for (var i = 0; i < done.Length; i++)
                done[i] = new TaskCompletion(send.Tasks[i].Task, [], 0, 0, 0);
            foreach (var next in core.Handle(new TasksFinished(send.Worker, done), now))
                pending.Enqueue(next);
        }
        throw new InvalidOperationException("the core never finished the job");
    }

    /// <summary>Where a task's CPU goes outside the core: each protocol step on its own, for all tasks.</summary>
    private static void Parts(int count, int batch, bool outputs)
    {
        var request = Request(count, outputs);
        var bytes = request.ToByteArray();
        Step("submit: serialize", count, () => request.ToByteArray());
        Step("submit: parse", count, () => SubmitGraphRequest.Parser.ParseFrom(bytes));
        Step("submit: to graph", count, () => GraphCodec.ToGraph(request));

        var graph = GraphCodec.ToGraph(request);
        var core = new SchedulerCore();
        var now = DateTimeOffset.UnixEpoch;
        var worker = core.NewWorkerId(null);
        core.Handle(new WorkerRegistered(worker, new WorkerDescription("h", "http://h:1", count, 0, [], "bench")), now);
        core.Handle(new WorkerConnected(worker, 1, []), now);
        var assignments = core.Handle(new JobSubmitted(core.NewJobId(), "bench", graph, 3, false), now).OfType<SendTasks>().SelectMany(s => s.Tasks).ToList();
        var runs = new List<byte[]>();
        Step("run: to proto + serialize", count, () =>
        {
            runs.Clear();
            for (var i = 0; i < assignments.Count; i += batch)
            {
                var run = new RunTasks();
                for (var j = i; j < Math.Min(assignments.Count, i + batch); j++)
                    run.Tasks.Add(WorkerMessages.ToProto(assignments[j]));
                runs.Add(new SchedulerMessage { Run = run }.ToByteArray());
            }
        });
        var finished = new List<byte[]>();
        Step("worker: parse + answer + serialize", count, () =>
        {
            finished.Clear();
            foreach (var run in runs)
            {
                var message = SchedulerMessage.Parser.ParseFrom(run);
                var done = new Rpc.Protocol.TasksFinished();
                foreach (var task in message.Run.Tasks)
                    done.Tasks.Add(new TaskDone { Task = task.Task });
                finished.Add(new WorkerMessage { Finished = done }.ToByteArray());
            }
        });
        Step("finished: parse + to event", count, () =>
        {
            foreach (var message in finished)
                WorkerMessages.ToEvent(worker, WorkerMessage.Parser.ParseFrom(message));
        });
        var events = finished.Select(m => WorkerMessages.ToEvent(worker, WorkerMessage.Parser.ParseFrom(m))!).ToList();
        NotifyFinished? end = null;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        foreach (var e in events)
            end ??= core.Handle(e, now).OfType<NotifyFinished>().FirstOrDefault();
        Console.WriteLine($"  {"core: finish all",-36} {clock.Elapsed.TotalSeconds / count * 1e6,6:F2} µs/task {(GC.GetAllocatedBytesForCurrentThread() - before) / count,6:N0} B/task");
        if (end is not null)
        {
            var proto = JobEvents.ToProto(end);
            var data = proto.ToByteArray();
            Step("job finished: to proto + serialize", count, () => JobEvents.ToProto(end).ToByteArray());
            Step("job finished: parse", count, () => JobEvent.Parser.ParseFrom(data));
        }
    }

    private static void Step(string name, int count, Action action)
    {
        action();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        action();
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / count;
        Console.WriteLine($"  {name,-36} {clock.Elapsed.TotalSeconds / count * 1e6,6:F2} µs/task {bytes,6:N0} B/task");
    }

    /// <summary>A real scheduler and fake workers on loopback; time from the SubmitGraph call to JobFinished.</summary>
    private static async Task<double> EndToEndAsync(int count, int workers, int slots, bool outputs)
    {
        await using var host = await SchedulerHost.StartAsync(new SchedulerOptions { Port = 0 });
        var fakes = new List<SchedulerBenchWorker>();
        for (var w = 0; w < workers; w++)
            fakes.Add(await SchedulerBenchWorker.StartAsync(host.Address, $"bench-{w}", slots));
        using var channel = RpcChannel.Create(host.Address, new RpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });
        while ((await SchedulerApi.Client(channel).GetStatusAsync(new StatusRequest()).ResponseAsync).Workers.Count < workers)
            await Task.Delay(5);
        var request = Request(count, outputs);

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var allocated = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        using var call = SchedulerApi.Client(channel).SubmitGraph(request);
        JobEvent? last = null;
        await foreach (var e in call.ResponseStream.ReadAllAsync())
            last = e;
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var gcs = $"{(GC.GetTotalAllocatedBytes() - allocated) / count:N0} B/task allocated, GCs {GC.CollectionCount(0) - collections.Item1}/{GC.CollectionCount(1) - collections.Item2}/{GC.CollectionCount(2) - collections.Item3}";

        if (last?.Finished is not { } finished || finished.Results.Count != (outputs ? count : 0))
            throw new InvalidOperationException($"the job did not finish as expected: {last}");
        var messages = fakes.Sum(f => f.Messages);
        Console.WriteLine($"  run: {seconds * 1e3:F0} ms (CPU {cpuSeconds * 1e3:F0} ms, {cpuSeconds / count * 1e6:F1} µs/task, {gcs}), {messages:N0} RunTasks messages ({(double)count / messages:F1} tasks each), "
            + $"split {string.Join(" / ", fakes.Select(f => f.Tasks.ToString("N0", CultureInfo.InvariantCulture)))}");
        foreach (var fake in fakes)
            await fake.DisposeAsync();
        return seconds;
    }

    /// <summary>Median time from starting `dotnet frames-scheduler.dll --port 0` to its "listening" log line.</summary>
    private static async Task<double> StartupAsync(int starts)
    {
        var times = new List<double>();
        for (var i = 0; i < starts; i++)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "frames-scheduler.dll"));
            info.ArgumentList.Add("--port");
            info.ArgumentList.Add("0");
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(info)!;
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.Contains(" listening ", StringComparison.Ordinal))
                {
                    times.Add(clock.Elapsed.TotalSeconds);
                    break;
                }
            }
            process.Kill();
            await process.WaitForExitAsync();
        }
        times.Sort();
        return times[times.Count / 2];
    }

    private static SubmitGraphRequest Request(int count, bool outputs)
    {
        var request = new SubmitGraphRequest { Name = "bench" };
        for (var i = 0; i < count; i++)
        {
            var key = "t" + i.ToString(CultureInfo.InvariantCulture);
            request.Tasks.Add(new GraphTask { Key = key, Partition = i, Buckets = 1 });
            if (outputs)
                request.Outputs.Add(new Rpc.Protocol.PartitionRef { Task = key });
        }
        return request;
    }

    private static TaskDefinition[] Definitions(int count)
    {
        var definitions = new TaskDefinition[count];
        for (var i = 0; i < count; i++)
            definitions[i] = new TaskDefinition(new TaskKey("t" + i.ToString(CultureInfo.InvariantCulture)), 0, i, 1, [], [], null, 0, default);
        return definitions;
    }

    private static PartitionRef[] Outputs(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new PartitionRef(new TaskKey("t" + i.ToString(CultureInfo.InvariantCulture)), 0))];

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(int repeats, Func<double> measure)
    {
        measure(); // warm-up
        var times = Enumerable.Range(0, repeats).Select(_ => measure()).Order().ToList();
        return times[times.Count / 2];
    }
}
