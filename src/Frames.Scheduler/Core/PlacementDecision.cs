namespace FramesNet.Scheduler.Core;

/// <summary>What <see cref="Placement"/> decided for a ready task, and why.</summary>
internal enum PlacementKind
{
    /// <summary>Run it on <see cref="PlacementDecision.Worker"/>.</summary>
    Placed,

    /// <summary>No allowed worker has room (or none is connected): park it until one has.</summary>
    Wait,

    /// <summary>It can run nowhere; the job fails with <see cref="PlacementDecision.Reason"/>.</summary>
    Infeasible,
}

/// <param name="Worker">Placed: where. Wait: the worker holding most of its inputs (park it there too), if any.</param>
/// <param name="LocalBytes">Input bytes already on <paramref name="Worker"/>.</param>
internal readonly record struct PlacementDecision(PlacementKind Kind, WorkerInfo? Worker, Locality Locality, long LocalBytes, string? Reason)
{
    public static PlacementDecision Placed(WorkerInfo worker, Locality locality, long localBytes) => new(PlacementKind.Placed, worker, locality, localBytes, null);

    public static PlacementDecision Wait(WorkerInfo? preferred, long localBytes, string reason) => new(PlacementKind.Wait, preferred, Locality.LeastLoaded, localBytes, reason);

    public static PlacementDecision Infeasible(string reason) => new(PlacementKind.Infeasible, null, Locality.LeastLoaded, 0, reason);

    public override string ToString() => Kind switch
    {
        PlacementKind.Placed => Locality switch
        {
            Locality.FileHost => $"placed on {Worker}: it sees the file",
            Locality.InputsLocal => $"placed on {Worker}: holds {LocalBytes} input bytes",
            _ => $"placed on {Worker}: least loaded",
        },
        PlacementKind.Wait => Worker is null ? $"wait: {Reason}" : $"wait: {Reason} (prefers {Worker})",
        _ => $"infeasible: {Reason}",
    };
}
