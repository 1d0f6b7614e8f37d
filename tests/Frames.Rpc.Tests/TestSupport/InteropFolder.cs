namespace FramesNet.Rpc.Tests.TestSupport;

/// <summary>Finds tests/Frames.Rpc.Tests/interop (the grpc-js peers) from the test binaries.</summary>
internal static class InteropFolder
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "interop");
            if (File.Exists(System.IO.Path.Combine(candidate, "package-lock.json")) && File.Exists(System.IO.Path.Combine(candidate, "server.js")))
            {
                if (!Directory.Exists(System.IO.Path.Combine(candidate, "node_modules", "@grpc", "grpc-js")))
                    throw new InvalidOperationException($"the grpc-js peers are not installed: run `npm ci` in {candidate}");
                return candidate;
            }
        }
        throw new InvalidOperationException($"no interop/ folder with the grpc-js peers above {AppContext.BaseDirectory}");
    }
}
