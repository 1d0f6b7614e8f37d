namespace FramesNet.Rpc.Daemons;

/// <summary>
/// The secrets the daemons and the client read from files: bearer tokens.
/// A file that is missing, unreadable, empty or not what it should be is an <see cref="InputFileException"/>
/// naming the flag and the path.
/// </summary>
internal static class CredentialFiles
{
    /// <summary>The token in <paramref name="path"/>, surrounding white space trimmed.</summary>
    public static string ReadToken(string flag, string path)
    {
        var token = Read(flag, path).Trim();
        return token.Length > 0 ? token : throw new InputFileException($"{flag} {Path.GetFullPath(path)} is empty");
    }

    private static string Read(string flag, string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException($"{flag} {Path.GetFullPath(path)}: {e.Message}", e);
        }
    }
}
