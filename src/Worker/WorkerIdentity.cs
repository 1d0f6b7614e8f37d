namespace FramesNet.Worker;

/// <summary>Who this worker is: what it tells the scheduler and answers in Health. The id changes when it re-registers.</summary>
internal sealed class WorkerIdentity(string hostName, int slots)
{
    private volatile string _id = "";

    public string HostName { get; } = hostName;

    /// <summary>The advertised URL of the Worker service, known once it listens.</summary>
    public Uri? Address { get; set; }

    public int Slots { get; } = slots;

    public WorkerId Id
    {
        get => new(_id);
        set => _id = value.Value;
    }

    public override string ToString() => Id.IsNone ? $"{HostName} ({Address})" : $"{Id} on {HostName} ({Address})";
}
