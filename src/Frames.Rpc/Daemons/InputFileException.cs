namespace FramesNet.Rpc.Daemons;

/// <summary>
/// A file or folder a flag names is missing, unreadable or unusable (exit 1, bad input; a malformed flag
/// value is a usage error, exit 2). The message names the flag and the path.
/// </summary>
internal sealed class InputFileException(string message, Exception? inner = null) : IOException(message, inner);
