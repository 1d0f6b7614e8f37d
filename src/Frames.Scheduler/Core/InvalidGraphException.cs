namespace FramesNet.Scheduler.Core;

/// <summary>A submitted graph that cannot run: the message names the task and what is wrong with it.</summary>
internal sealed class InvalidGraphException(string message) : Exception(message);
