namespace FramesNet.Execution;

/// <summary>The process-wide list of <see cref="IJobObserver"/>s that every job (Collect, Count, Persist, writes) tells it runs.</summary>
public static class JobObservers
{
    private static readonly Lock Gate = new();
    private static IJobObserver[] _observers = [];

    /// <summary>Adds <paramref name="observer"/> until the returned handle is disposed.</summary>
    public static IDisposable Add(IJobObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (Gate)
            Volatile.Write(ref _observers, [.. _observers, observer]);
        return new Registration(observer);
    }

    /// <summary>A snapshot: the array is never changed once published.</summary>
    internal static IJobObserver[] Current => Volatile.Read(ref _observers);

    private sealed class Registration(IJobObserver observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                lock (Gate)
                    Volatile.Write(ref _observers, _observers.Where(o => !ReferenceEquals(o, observer)).ToArray());
        }
    }
}
