namespace FramesNet.Tests.TestSupport;

/// <summary>Finds the steering repository's shared/ folder (interop tools, benchmark data) beside the clone.</summary>
internal static class SharedFolder
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string ArrowInterop => System.IO.Path.Combine(Path, "interop", "arrow", "arrow-interop");

    public static string ArrowGolden => System.IO.Path.Combine(Path, "interop", "arrow", "golden");

    public static string Bench => System.IO.Path.Combine(Path, "bench");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (File.Exists(System.IO.Path.Combine(candidate, "interop", "arrow", "arrow-interop")))
                return candidate;
        }
        throw new InvalidOperationException(
            $"no shared/ folder with interop/arrow/arrow-interop above {AppContext.BaseDirectory}: clone the repository beside ../shared");
    }
}
