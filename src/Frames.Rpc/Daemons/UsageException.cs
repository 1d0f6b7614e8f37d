namespace FramesNet.Rpc.Daemons;

/// <summary>The command line is wrong: a flag's value is malformed or out of range (exit 2). The message names the flag.</summary>
internal sealed class UsageException(string message) : Exception(message);
