using System.Diagnostics;
using System.Runtime.InteropServices;

namespace FramesNet.Package.Tests;

/// <summary>
/// The packages as a user installs them, from a folder feed the fixture packs: their metadata, a consumer project
/// that references only FramesNet (in-process and on a LocalCluster, whose frames-worker must come from the
/// package), and the frames tool with the daemons it carries.
/// </summary>
[Collection(PackagesCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PackageTests(PackedFeed feed)
{
    private const string Csv = """
        city,fare
        Oslo,10.5
        Bergen,4
        Oslo,2.5
        Tromso,7
        Bergen,6
        Oslo,1
        """;

    [Theory]
    [InlineData("FramesNet")]
    [InlineData("FramesNet.DataAnalysis")]
    [InlineData("FramesNet.Rpc")]
    [InlineData("FramesNet.Scheduler")]
    [InlineData("FramesNet.Tool")]
    public void Every_package_has_a_description_a_licence_a_readme_and_the_shared_version(string id)
    {
        var metadata = feed.Nuspec(id);
        string Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";

        Assert.Equal(id, Field("id"));
        Assert.Equal(feed.Version, Field("version"));
        Assert.True(Field("description").Length > 40, $"{id}: description '{Field("description")}'");
        Assert.Equal("MIT", Field("license"));
        Assert.Equal("README.md", Field("readme"));
        Assert.Contains("README.md", feed.Entries(id));
        Assert.NotNull(metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository"));
    }

    [Fact]
    public void FramesNet_depends_on_the_assemblies_it_references_as_packages_of_the_same_version_and_carries_frames_worker_and_the_notebook_extension()
    {
        var dependencies = feed.Nuspec("FramesNet").Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("version")!.Value);
        var entries = feed.Entries("FramesNet");

        Assert.Equal(feed.Version, dependencies["FramesNet.Rpc"]);
        Assert.Equal(feed.Version, dependencies["FramesNet.Scheduler"]);
        Assert.Contains("lib/net10.0/FramesNet.dll", entries);
        Assert.Contains("buildTransitive/FramesNet.targets", entries);
        Assert.Contains("tools/frames-worker/frames-worker.dll", entries);
        Assert.Contains("tools/frames-worker/frames-worker.runtimeconfig.json", entries);
        // Portable: no native apphost of the machine that packed it.
        Assert.DoesNotContain("tools/frames-worker/frames-worker", entries);
        // And precompiled for the platform that packed it (this one, in CI), its assemblies ReadyToRun images.
        var rid = RuntimeInformation.RuntimeIdentifier;
        Assert.Contains($"tools/frames-worker-{rid}/frames-worker.dll", entries);
        Assert.Contains($"tools/frames-worker-{rid}/FramesNet.dll", entries);
        Assert.DoesNotContain($"tools/frames-worker-{rid}/frames-worker", entries);
        Assert.True(ReadyToRun.IsPrecompiled(feed.Extract("FramesNet", $"tools/frames-worker-{rid}/FramesNet.dll")), "the precompiled worker's FramesNet.dll is IL only");
        Assert.False(ReadyToRun.IsPrecompiled(feed.Extract("FramesNet", "tools/frames-worker/FramesNet.dll")), "the portable worker's FramesNet.dll is a ReadyToRun image");
        // The notebook kernel extension, where .NET Interactive looks; the kernel brings its own Microsoft.DotNet.Interactive.
        Assert.Contains("interactive-extensions/dotnet/FramesNet.Interactive.dll", entries);
        Assert.DoesNotContain(dependencies.Keys, id => id.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_project_referencing_only_FramesNet_aggregates_in_process_and_on_a_LocalCluster_with_the_packaged_worker()
    {
        var project = Path.Combine(feed.Root, "consumer");
        Directory.CreateDirectory(project);
        // Empty Directory.* files stop MSBuild from picking up ones above the temporary folder.
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            File.WriteAllText(Path.Combine(project, name), "<Project />");
        var consumer = Path.Combine(AppContext.BaseDirectory, "Consumer");
        File.Copy(Path.Combine(consumer, "Program.cs"), Path.Combine(project, "Program.cs"));
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), File.ReadAllText(Path.Combine(consumer, "Consumer.csproj.template"))
            .Replace("$FEED$", feed.Feed).Replace("$VERSION$", feed.Version));
        var data = Path.Combine(feed.Root, "trips.csv");
        File.WriteAllText(data, Csv + "\n");

        var build = await Command.RunAsync(Command.Start("dotnet", project, feed.NuGetPackages, "build", "-c", "Release", "-nologo", "-clp:ErrorsOnly"));
        Assert.True(build.ExitCode == 0, build.ToString());
        var output = Path.Combine(project, "bin", "Release", "net10.0");
        Assert.True(File.Exists(Path.Combine(output, "frames-daemons", "frames-worker.dll")), $"no frames-daemons/frames-worker.dll in {output}");
        Assert.False(File.Exists(Path.Combine(output, "frames-worker.dll")), "frames-worker.dll beside the consumer's program");
        // The worker this machine can run precompiled is the one the build picked.
        Assert.True(ReadyToRun.IsPrecompiled(Path.Combine(output, "frames-daemons", "FramesNet.dll")), "frames-daemons/FramesNet.dll is IL only");
        Assert.True(ReadyToRun.IsPrecompiled(Path.Combine(output, "frames-daemons", "frames-worker.dll")), "frames-daemons/frames-worker.dll is IL only");

        // Run as a user would, from another folder, with FRAMES_BIN unset: LocalCluster must find the worker itself.
        var run = Command.Start(Path.Combine(output, "Consumer"), feed.Root, feed.NuGetPackages, data);
        run.Environment.Remove("FRAMES_BIN");
        var result = await Command.RunAsync(run);

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] expected =
        [
            "Bergen trips=2 fares=10",
            "Oslo trips=3 fares=14",
            "Tromso trips=1 fares=7",
        ];
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(expected.Select(line => "local " + line), lines.Where(line => line.StartsWith("local ")));
        Assert.Contains("cluster workers=2 running=2", lines);
        Assert.Equal(expected.Select(line => "cluster " + line), lines.Where(line => line.StartsWith("cluster ") && !line.StartsWith("cluster workers")));

        // dotnet publish carries the worker too (a published app is what gets copied to another machine).
        var published = Path.Combine(feed.Root, "consumer-published");
        var publish = await Command.RunAsync(Command.Start("dotnet", project, feed.NuGetPackages, "publish", "-c", "Release", "--no-build", "-o", published, "-nologo", "-clp:ErrorsOnly"));
        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.True(File.Exists(Path.Combine(published, "frames-daemons", "frames-worker.dll")), $"no frames-daemons/frames-worker.dll in {published}");
        Assert.True(File.Exists(Path.Combine(published, "frames-daemons", "frames-worker.runtimeconfig.json")), $"no frames-daemons/frames-worker.runtimeconfig.json in {published}");
    }

    [Fact]
    public async Task The_frames_tool_installs_from_the_feed_and_starts_a_local_cluster_with_the_daemons_it_carries()
    {
        var tools = Path.Combine(feed.Root, "tools");
        var install = await Command.RunAsync(Command.Start("dotnet", feed.Root, feed.NuGetPackages,
            "tool", "install", "--tool-path", tools, "--add-source", feed.Feed, "--version", feed.Version, "FramesNet.Tool"));
        Assert.True(install.ExitCode == 0, install.ToString());
        var frames = Path.Combine(tools, "frames");

        var help = await Command.RunAsync(Command.Start(frames, feed.Root, null, "--help"));
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("local", help.Output);

        var start = Command.Start(frames, feed.Root, null, "local", "--workers", "1");
        start.Environment.Remove("FRAMES_BIN");
        using var local = Process.Start(start)!;
        var error = local.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Command.Patience);
        string? ready;
        try
        {
            ready = await local.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            local.Kill(entireProcessTree: true);
            throw new TimeoutException($"frames local printed nothing within {Command.Patience}");
        }
        Assert.True(ready is not null && ready.StartsWith("frames cluster ready at ") && ready.Contains("with 1 worker"),
            $"first line: {ready}\n--- stderr\n{(local.HasExited ? await error : "(still running)")}");

        using (var kill = Process.Start("kill", ["-TERM", local.Id.ToString()]))
            await kill.WaitForExitAsync();
        var rest = local.StandardOutput.ReadToEndAsync();
        await local.WaitForExitAsync(timeout.Token);
        Assert.True(local.ExitCode == 0, $"frames local exited with {local.ExitCode}\n{await rest}\n--- stderr\n{await error}");
        Assert.Contains("stopping the cluster", await rest);
    }
}
