namespace FramesNet.Worker.Connection;

/// <summary>The scheduler could not be reached (or refused this worker) within the connect timeout.</summary>
public sealed class SchedulerUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
