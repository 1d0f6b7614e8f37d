namespace FramesNet.Scheduler.Core;

/// <summary>What a worker says about itself when it registers.</summary>
/// <param name="Address">URL of its Worker service, for peers and clients (<c>http://10.0.0.5:41234</c>).</param>
/// <param name="Slots">Tasks it runs at once.</param>
internal sealed record WorkerDescription(string Host, string Address, int Slots, long MemoryLimit, IReadOnlyList<string> DataRoots, string Version);
