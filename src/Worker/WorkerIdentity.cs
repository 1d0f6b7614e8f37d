namespace FramesNet.Worker;

/// <summary>Who this worker is: what it tells the scheduler and answers in Health. The id is the one it asks for until the scheduler gives one; it may change when it re-registers.</summary>
internal sealed class WorkerIdentity(string hostName, int slots, WorkerId preferred)
{
    private volatile string _id = preferred.Value;

    public string HostName { get; } = hostName;

    /// <summary>The advertised URL of the Worker service, known once it listens.</summary>
    public Uri? Address { get; set; }

    public int Slots { get; } = slots;

    public WorkerId Id
    {
        get => new(_id);
        set => _id = value.Value;
    }

    /// <summary>How messages name this worker, as the scheduler's do: <c>w-3 (host node-7)</c>.</summary>
    public override string ToString() => Id.IsNone ? $"the worker on host {HostName} ({Address})" : $"{Id} (host {HostName})";
}
