using Microsoft.Win32.SafeHandles;

namespace FramesNet.Formats.Csv;

/// <summary>Opening input files with the errors a user can act on.</summary>
internal static class CsvFiles
{
    public static SafeFileHandle Open(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (FileNotFoundException e)
        {
            throw new FileNotFoundException($"CSV file not found: {path}", path, e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new FileNotFoundException($"CSV file not found (no such directory): {path}", path, e);
        }
    }

    public static void RequireExists(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException(Directory.Exists(path) ? $"not a file but a directory: {path}" : $"CSV file not found: {path}", path);
    }
}
