using FramesNet.Scheduler.Core;
using FramesNet.Scheduler.Tests.TestSupport;

namespace FramesNet.Scheduler.Tests.Core;

/// <summary>
/// Random graphs on simulated workers that finish tasks in random order, crash, and come back, seeded so a
/// failure replays. The simulation keeps what each worker really stores; it checks that every task is sent
/// where its inputs really are, fetches inputs as a worker would (reporting missing ones), and that every
/// job ends with its results on live workers that store them.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ChaosTests
{
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Jobs_finish_with_correct_locations_whatever_workers_do(int seed) => Run(seed, jobs: 1);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Two_jobs_of_the_same_graph_share_workers_and_keep_each_others_results(int seed) => Run(seed, jobs: 2);

    private static void Run(int seed, int jobs)
    {
        var random = new Random(seed);
        var simulation = new Simulation(random);
        for (var w = 0; w < 3; w++)
            simulation.AddWorker();
        var graph = RandomGraph(random);
        var outputs = graph.OutputRefs.ToArray();
        for (var j = 0; j < jobs; j++)
            simulation.Submit(graph);

        for (var step = 0; step < 10_000 && simulation.Results.Count < jobs && simulation.Failure is null; step++)
        {
            var dice = random.Next(100);
            if (dice < 3 && simulation.Workers.Count > 1)
                simulation.Crash(simulation.Workers[random.Next(simulation.Workers.Count)]);
            else if (dice < 6 && simulation.Workers.Count < 4)
                simulation.AddWorker();
            else if (dice < 8)
                simulation.Forget(outputs);
            else
                simulation.FinishSome();
        }

        Assert.Null(simulation.Failure);
        Assert.True(simulation.Results.Count == jobs, $"seed {seed}: {simulation.Results.Count} of {jobs} jobs finished; {simulation.Describe()}");
        // Each job's results were where it was told when it finished (checked then). Releasing one job's
        // results leaves the other's: those on workers still alive are still stored.
        var finished = simulation.Results.Keys.ToList();
        foreach (var (job, results) in simulation.Results)
            Assert.Equal(outputs, results.Select(r => r.Partition));
        simulation.Release(finished[0]);
        foreach (var job in finished.Skip(1))
        {
            foreach (var result in simulation.Results[job].Where(r => r.Workers.All(simulation.Workers.Contains)))
                Assert.True(result.Workers.Any(w => simulation.Stores(w, result.Partition.Task)),
                    $"seed {seed}: {job}'s result {result.Partition} was dropped from [{string.Join(' ', result.Workers)}] when {finished[0]} released its results");
        }
    }

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= TestTier.Count(40, 500); seed++)
            seeds.Add(seed);
        return seeds;
    }

    private static GraphBuilder RandomGraph(Random random)
    {
        var builder = new GraphBuilder();
        var count = random.Next(10, 40);
        var buckets = new int[count];
        for (var i = 0; i < count; i++)
        {
            var inputs = new HashSet<string>();
            var reads = i == 0 ? 0 : random.Next(0, 4);
            for (var r = 0; r < reads; r++)
            {
                var input = random.Next(i);
                inputs.Add($"t{input}[{random.Next(buckets[input])}]");
            }
            buckets[i] = random.Next(1, 3);
            builder.Task($"t{i}", buckets[i], 0, [.. inputs]);
        }
        builder.Outputs($"t{count - 1}", $"t{count / 2}");
        return builder;
    }

    /// <summary>Workers as the core sees them, with what each really stores and runs.</summary>
    private sealed class Simulation(Random random)
    {
        private readonly CoreHarness _core = new(new SchedulerSettings { DefaultMaxAttempts = 1000 });
        private readonly Dictionary<WorkerId, HashSet<TaskKey>> _stored = [];
        private readonly Dictionary<WorkerId, List<TaskAssignment>> _running = [];
        private readonly Dictionary<string, WorkerId> _byAddress = [];

        /// <summary>Partitions a worker lost silently: the scheduler cannot know, so a task may be sent to fetch them.</summary>
        private readonly HashSet<TaskKey> _forgotten = [];
        private int _hosts;

        public List<WorkerId> Workers { get; } = [];

        public Dictionary<JobId, IReadOnlyList<ResultLocation>> Results { get; } = [];

        public string? Failure { get; private set; }

        public bool Stores(WorkerId worker, TaskKey key) => _stored.TryGetValue(worker, out var keys) && keys.Contains(key);

        public void AddWorker()
        {
            var host = $"h{++_hosts}";
            var id = _core.AddWorker(host, slots: 1 + random.Next(2));
            _byAddress[$"http://{host}:7000"] = id;
            _stored[id] = [];
            _running[id] = [];
            Workers.Add(id);
            Apply(_core.Last);
        }

        public void Submit(GraphBuilder graph)
        {
            _core.Submit(graph);
            Apply(_core.Last);
        }

        public void Release(JobId job)
        {
            _core.Handle(new ResultsReleased(job));
            Apply(_core.Last);
        }

        public void Crash(WorkerId worker)
        {
            Workers.Remove(worker);
            _stored.Remove(worker);
            _running.Remove(worker);
            Trace.Add($"CRASH {worker}");
            _core.Lost(worker);
            Apply(_core.Last);
        }

        /// <summary>A worker loses a stored partition without telling anyone (a disk fails); results excepted.</summary>
        public void Forget(PartitionRef[] outputs)
        {
            var worker = Workers[random.Next(Workers.Count)];
            var candidates = _stored[worker].Where(k => !outputs.Any(o => o.Task == k)).ToList();
            if (candidates.Count == 0)
                return;
            var key = candidates[random.Next(candidates.Count)];
            _stored[worker].Remove(key);
            _forgotten.Add(key);
        }

        /// <summary>A worker with work finishes (or fails to fetch the inputs of) some of its tasks, in random order.</summary>
        public void FinishSome()
        {
            var busy = Workers.Where(w => _running[w].Count > 0).ToList();
            if (busy.Count == 0)
                return;
            var worker = busy[random.Next(busy.Count)];
            var tasks = _running[worker];
            var task = tasks[random.Next(tasks.Count)];
            tasks.Remove(task);
            var missing = task.Inputs.Where(input => !Fetchable(worker, input)).Select(i => i.Partition.ToString()).ToArray();
            Trace.Add($"{worker} {(missing.Length > 0 ? "MISSING " + string.Join(',', missing) : "FINISH")} {task.Task}");
            if (missing.Length > 0)
            {
                _core.Failed(worker, task.Task.Value, "", missing: missing);
            }
            else
            {
                if (random.Next(2) == 0)
                    _core.Started(worker, task.Task.Value);
                _core.Finished(worker, task.Task.Value);
                _stored[worker].Add(task.Task);
            }
            Apply(_core.Last);
        }

        public string Describe() =>
            string.Join("; ", Workers.Select(w => $"{w} runs [{string.Join(' ', _running[w].Select(t => t.Task))}] stores [{string.Join(' ', _stored[w])}]"));

        /// <summary>As a worker fetches: its own store when no address is given, else any listed peer that still has it.</summary>
        private bool Fetchable(WorkerId worker, InputLocation input) =>
            input.Addresses.Count == 0
                ? Stores(worker, input.Partition.Task)
                : input.Addresses.Any(a => _byAddress.TryGetValue(a, out var peer) && Stores(peer, input.Partition.Task));

        public List<string> Trace { get; } = [];

        private void Apply(IReadOnlyList<SchedulerCommand> commands)
        {
            Trace.AddRange(CommandText.Format(commands));
            foreach (var command in commands)
            {
                switch (command)
                {
                    case SendTasks send:
                        foreach (var task in send.Tasks)
                        {
                            // When sent, every input is where the scheduler says (unless a worker lost it silently).
                            foreach (var input in task.Inputs)
                                Assert.True(Fetchable(send.Worker, input) || _forgotten.Contains(input.Partition.Task), $"{task.Task} sent to {send.Worker} with input {input.Partition} at [{string.Join(' ', input.Addresses)}], which do not hold it\n{string.Join('\n', Trace)}");
                            Assert.DoesNotContain(_running[send.Worker], t => t.Task == task.Task);
                            _running[send.Worker].Add(task);
                        }
                        break;
                    case SendRelease release:
                        foreach (var key in release.Tasks)
                            _stored[release.Worker].Remove(key);
                        break;
                    case NotifyFinished finished:
                        foreach (var result in finished.Results)
                            Assert.True(result.Workers.Any(w => Stores(w, result.Partition.Task)),
                                $"{finished.Job}'s result {result.Partition} is said to be on [{string.Join(' ', result.Workers)}], which do not store it\n{string.Join('\n', Trace)}");
                        Results[finished.Job] = finished.Results;
                        break;
                    case NotifyFailed failed:
                        Failure = failed.Message;
                        break;
                }
            }
        }
    }
}
