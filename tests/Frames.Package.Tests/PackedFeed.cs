using System.IO.Compression;
using System.Xml.Linq;

namespace FramesNet.Package.Tests;

/// <summary>
/// The repository packed once for all package tests (`dotnet pack Frames.sln -c Release`) into a temporary folder
/// feed, built in its own artifacts folder so the clone's bin/ and obj/ are untouched. Packing uses the usual NuGet
/// cache (the solution's dependencies); installing the packed packages uses <see cref="NuGetPackages"/>.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    public static readonly string[] PackageIds = ["FramesNet", "FramesNet.DataAnalysis", "FramesNet.Rpc", "FramesNet.Scheduler", "FramesNet.Tool"];

    public string Root { get; } = Directory.CreateTempSubdirectory("frames-package-").FullName;

    public string Feed => Path.Combine(Root, "feed");

    /// <summary>The NuGet cache every command of these tests uses (restores, tool installs).</summary>
    public string NuGetPackages => Path.Combine(Root, "nuget-packages");

    public string Version { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var repository = RepositoryRoot();
        var pack = await Command.RunAsync(Command.Start("dotnet", repository, null,
            "pack", Path.Combine(repository, "Frames.sln"), "-c", "Release", "-o", Feed,
            "--artifacts-path", Path.Combine(Root, "artifacts"), "-nologo", "-clp:ErrorsOnly"));
        if (pack.ExitCode != 0)
            throw new InvalidOperationException("dotnet pack failed: " + pack);
        var versions = PackageIds.Select(id => VersionOf(id)).Distinct().ToArray();
        if (versions.Length != 1)
            throw new InvalidOperationException($"the packages do not share one version: {string.Join(", ", versions)}");
        Version = versions[0];
    }

    /// <summary>The .nupkg of <paramref name="id"/> in the feed (exactly one).</summary>
    public string PackagePath(string id)
    {
        var found = Directory.GetFiles(Feed, id + ".*.nupkg")
            .Where(path => char.IsDigit(Path.GetFileName(path)[(id.Length + 1)..][0]))
            .ToArray();
        return found.Length == 1
            ? found[0]
            : throw new InvalidOperationException($"{found.Length} packages named {id} in {Feed}: {string.Join(", ", Directory.GetFiles(Feed).Select(Path.GetFileName))}");
    }

    /// <summary>The package's .nuspec (its metadata element's children by local name).</summary>
    public XElement Nuspec(string id)
    {
        using var zip = ZipFile.OpenRead(PackagePath(id));
        var entry = zip.GetEntry(id + ".nuspec") ?? throw new InvalidOperationException($"{id} has no {id}.nuspec");
        using var stream = entry.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    public IReadOnlyList<string> Entries(string id)
    {
        using var zip = ZipFile.OpenRead(PackagePath(id));
        return zip.Entries.Select(e => e.FullName).ToArray();
    }

    /// <summary>Copies one file out of package <paramref name="id"/> into the fixture's folder; its path there.</summary>
    public string Extract(string id, string entryName)
    {
        using var zip = ZipFile.OpenRead(PackagePath(id));
        var entry = zip.GetEntry(entryName) ?? throw new InvalidOperationException($"{id} has no {entryName}");
        var path = Path.Combine(Root, "extracted", id, entryName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        entry.ExtractToFile(path, overwrite: true);
        return path;
    }

    /// <summary>
    /// Runs a notebook on the real C# kernel in this process, installing from <see cref="Feed"/> into
    /// <see cref="NuGetPackages"/> (the kernel's restore is a child process: it takes this process's environment, so
    /// the cache is set here for the run and the test host's MSBuild settings are kept from it).
    /// </summary>
    internal async Task<IReadOnlyList<Notebooks.CellRun>> RunNotebookAsync(string notebook)
    {
        string[] cleared = ["MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "VSTEST_HOST_DEBUG"];
        var saved = cleared.Append("NUGET_PACKAGES").ToDictionary(name => name, Environment.GetEnvironmentVariable);
        await NotebookGate.WaitAsync();
        try
        {
            foreach (var name in cleared)
                Environment.SetEnvironmentVariable(name, null);
            Environment.SetEnvironmentVariable("NUGET_PACKAGES", NuGetPackages);
            return await Notebooks.NotebookRun.RunAsync(notebook, Feed);
        }
        finally
        {
            foreach (var (name, value) in saved)
                Environment.SetEnvironmentVariable(name, value);
            NotebookGate.Release();
        }
    }

    private static readonly SemaphoreSlim NotebookGate = new(1, 1);

    private string VersionOf(string id) => Path.GetFileNameWithoutExtension(PackagePath(id))[(id.Length + 1)..];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Frames.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"no repository root (with Frames.sln) above {AppContext.BaseDirectory}");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
