using System.Diagnostics;

namespace FramesNet.Tests.Cli;

/// <summary>
/// The <c>./frames</c> script at the repository root, run in a scratch copy of the repository's layout with a
/// stand-in <c>dotnet</c> on the PATH that logs builds (ReadyToRun publishes) and prints MSBuild-like noise: when it rebuilds (a source,
/// proto or props file changed; never build output under bin/ or obj/), and that a build is silent unless it fails.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FramesScriptTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("frames-script-").FullName;
    private readonly string _builds;

    public FramesScriptTests()
    {
        File.Copy(Path.Combine(RepositoryRoot(), "frames"), Path.Combine(_root, "frames"));
        Write("src/Cli/Cli.csproj", "<Project />");
        Write("src/Frames/Table.cs", "class Table {}");
        Write("proto/frames.proto", "syntax = \"proto3\";");
        Write("Directory.Build.props", "<Project />");
        Write("Directory.Packages.props", "<Project />");
        _builds = Path.Combine(_root, "builds.log");
        Write("fake-bin/dotnet", """
            #!/usr/bin/env bash
            if [ "$1" = publish ]; then
              echo "publish $*" >> "$FAKE_BUILDS"
              echo "  Determining projects to restore... (MSBuild noise)"
              if [ -n "${FAKE_FAIL:-}" ]; then echo "src/Frames/Table.cs(1,14): error CS1002: ; expected"; exit 1; fi
              exit 0
            fi
            echo "ran $*"
            """);
        File.SetUnixFileMode(Path.Combine(_root, "fake-bin/dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public void The_first_run_builds_quietly_then_runs_the_command()
    {
        var run = Run("demo");

        Assert.Equal(0, run.Code);
        Assert.Equal(1, Builds);
        Assert.DoesNotContain("MSBuild noise", run.Err + run.Out);
        Assert.Contains("building frames", run.Err);
        Assert.Contains("frames.dll demo", run.Out);
        // Precompiled for this machine, so frames local's daemons start without most of their JIT work.
        Assert.Contains("-p:PublishReadyToRun=true", File.ReadAllText(_builds));
    }

    [Theory]
    [InlineData("src/Frames/obj/Release/Frames.AssemblyInfo.cs")]
    [InlineData("src/Frames/bin/Release/FramesNet.dll")]
    [InlineData("src/Cli/obj/project.assets.json")]
    [InlineData("src/Frames/Formats/bin/x.cs")]
    public void Build_output_under_bin_or_obj_does_not_rebuild(string output)
    {
        Run("head");
        Write(output, "new");
        MakeNewerThanStamp(output);

        var run = Run("head");

        Assert.Equal(0, run.Code);
        Assert.Equal(1, Builds);
        Assert.DoesNotContain("building", run.Err);
    }

    [Theory]
    [InlineData("src/Frames/Table.cs")]
    [InlineData("src/Frames/Formats/NewFile.cs")]
    [InlineData("src/Cli/Cli.csproj")]
    [InlineData("proto/frames.proto")]
    [InlineData("Directory.Build.props")]
    [InlineData("Directory.Packages.props")]
    public void A_changed_source_rebuilds_once_and_says_which(string source)
    {
        Run("head");
        Write(source, "changed");
        MakeNewerThanStamp(source);

        var first = Run("head");
        var second = Run("head");

        Assert.Equal(0, first.Code);
        Assert.Contains($"{source} changed", first.Err);
        Assert.Equal(2, Builds);
        Assert.Equal(0, second.Code);
    }

    [Fact]
    public void Many_changed_sources_rebuild_once()
    {
        Run("head");
        foreach (var source in new[] { "src/Frames/Table.cs", "src/Cli/Cli.csproj", "proto/frames.proto", "Directory.Build.props", "Directory.Packages.props" })
            MakeNewerThanStamp(source);

        var run = Run("head");

        Assert.Equal(0, run.Code);
        Assert.Contains(" changed)", run.Err);
        Assert.Contains("frames.dll head", run.Out);
        Assert.Equal(2, Builds);
    }

    [Fact]
    public void A_failed_build_shows_its_output_exits_3_and_tries_again_next_time()
    {
        Run("head");
        MakeNewerThanStamp("src/Frames/Table.cs");

        var failed = Run("head", fail: true);
        var again = Run("head", fail: true);
        var fixedBuild = Run("head");

        Assert.Equal(3, failed.Code);
        Assert.Contains("error CS1002", failed.Err);
        Assert.Contains("MSBuild noise", failed.Err);
        Assert.Contains("the build failed", failed.Err);
        Assert.DoesNotContain("ran ", failed.Out);
        Assert.Equal(3, again.Code);
        Assert.Equal(0, fixedBuild.Code);
        Assert.Equal(4, Builds);
    }

    private int Builds => File.Exists(_builds) ? File.ReadAllLines(_builds).Length : 0;

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-1));
    }

    /// <summary>
    /// Dates the build stamp a minute ago and the file after it (both in the past, as an edit after a build is),
    /// so no test waits for the clock to move.
    /// </summary>
    private void MakeNewerThanStamp(string relative)
    {
        File.SetLastWriteTimeUtc(Path.Combine(_root, ".frames/cli/.built"), DateTime.UtcNow.AddMinutes(-1));
        File.SetLastWriteTimeUtc(Path.Combine(_root, relative), DateTime.UtcNow.AddSeconds(-30));
    }

    private (int Code, string Out, string Err) Run(string command, bool fail = false)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(_root, "frames"));
        start.ArgumentList.Add(command);
        start.Environment["PATH"] = Path.Combine(_root, "fake-bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["FAKE_BUILDS"] = _builds;
        if (fail)
            start.Environment["FAKE_FAIL"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "frames")) && File.Exists(Path.Combine(dir.FullName, "Frames.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"no repository root (with ./frames and Frames.sln) above {AppContext.BaseDirectory}");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
