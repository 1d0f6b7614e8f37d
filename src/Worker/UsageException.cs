namespace FramesNet.Worker;

/// <summary>A command line that cannot work: reported as one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
