using System.Runtime.ExceptionServices;

namespace FramesNet.Formats.Csv;

/// <summary>
/// Runs jobs on dedicated threads, at most <c>parallelism</c> at once and at most <c>window</c> ahead of the
/// consumer, and hands the results back in job order. Dedicated threads, not the thread pool: a consumer that
/// blocks on a pool thread must never starve the workers it waits for.
/// </summary>
internal sealed class CsvRangePipeline<TJob, TResult> : IDisposable where TResult : class, IDisposable
{
    private readonly IEnumerator<TJob> _jobs;
    private readonly Func<TJob, CancellationToken, TResult> _run;
    private readonly CancellationTokenSource _cancel;
    private readonly SemaphoreSlim _credits;
    private readonly Thread[] _workers;
    private readonly object _gate = new(); // with Monitor.Wait/PulseAll, so not a Lock
    private readonly Dictionary<int, Slot> _slots = [];
    private int _taken;
    private int _next;
    private bool _exhausted;

    public CsvRangePipeline(IEnumerator<TJob> jobs, Func<TJob, CancellationToken, TResult> run, int parallelism, int window,
        CancellationToken cancellationToken)
    {
        _jobs = jobs;
        _run = run;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _credits = new SemaphoreSlim(window);
        _workers = new Thread[parallelism];
        for (var i = 0; i < parallelism; i++)
        {
            _workers[i] = new Thread(Work) { IsBackground = true, Name = $"csv-range-{i}" };
            _workers[i].Start();
        }
    }

    /// <summary>The next job and its result, in order; false when every job is done. Rethrows a job's failure.</summary>
    public bool TryTakeNext(out TJob job, out TResult result)
    {
        Slot? slot;
        lock (_gate)
        {
            while (!(_slots.TryGetValue(_next, out slot) && slot.Done) && !(_exhausted && _next >= _taken))
            {
                _cancel.Token.ThrowIfCancellationRequested();
                Monitor.Wait(_gate, 100);
            }
            if (slot is null || !slot.Done)
            {
                job = default!;
                result = default!;
                return false;
            }
            _slots.Remove(_next++);
        }
        _credits.Release();
        slot.Error?.Throw();
        job = slot.Job;
        result = slot.Result!;
        return true;
    }

    private void Work()
    {
        var token = _cancel.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                _credits.Wait(token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Slot slot;
            lock (_gate)
            {
                if (_exhausted)
                    return;
                slot = new Slot();
                try
                {
                    if (!_jobs.MoveNext())
                    {
                        _exhausted = true;
                        Monitor.PulseAll(_gate);
                        return;
                    }
                    slot.Job = _jobs.Current;
                }
                catch (Exception e)
                {
                    // Listing the jobs failed (a bad header, a missing file): the consumer gets it in its place.
                    _exhausted = true;
                    slot.Error = ExceptionDispatchInfo.Capture(e);
                    slot.Done = true;
                    _slots[_taken++] = slot;
                    Monitor.PulseAll(_gate);
                    return;
                }
                _slots[_taken++] = slot;
            }
            try
            {
                slot.Result = _run(slot.Job, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                slot.Error = ExceptionDispatchInfo.Capture(e);
            }
            lock (_gate)
            {
                slot.Done = true;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Stops the workers and recycles the results nobody took.</summary>
    public void Dispose()
    {
        _cancel.Cancel();
        foreach (var worker in _workers)
            worker.Join();
        foreach (var slot in _slots.Values)
            slot.Result?.Dispose();
        _slots.Clear();
        _jobs.Dispose();
        _credits.Dispose();
        _cancel.Dispose();
    }

    private sealed class Slot
    {
        public TJob Job = default!;
        public TResult? Result;
        public ExceptionDispatchInfo? Error;
        public bool Done;
    }
}
