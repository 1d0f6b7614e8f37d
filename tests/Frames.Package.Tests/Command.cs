using System.Diagnostics;
using System.Text;

namespace FramesNet.Package.Tests;

/// <summary>A finished child process: its exit code and what it printed.</summary>
internal sealed record CommandResult(string Command, int ExitCode, string Output, string Error)
{
    /// <summary>Everything about the run, for an assertion's message.</summary>
    public override string ToString() => $"`{Command}` exited with {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs the programs the package tests drive (dotnet, the installed tool). Whatever installs the packed packages
/// uses an isolated NuGet cache, so a package packed by this run is never confused with one of the same version
/// cached by an earlier run.
/// </summary>
internal static class Command
{
    /// <summary>A safety net against a hang, never an assertion on speed: packing the repository from scratch on a loaded machine takes minutes.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(20);

    public static ProcessStartInfo Start(string program, string workingDirectory, string? nugetPackages, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (nugetPackages is not null)
            start.Environment["NUGET_PACKAGES"] = nugetPackages;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // A test host's MSBuild settings must not leak into the builds it starts.
        foreach (var inherited in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "VSTEST_HOST_DEBUG" })
            start.Environment.Remove(inherited);
        return start;
    }

    public static async Task<CommandResult> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{Describe(start)}` did not finish within {Patience}");
        }
        return new CommandResult(Describe(start), process.ExitCode, await output, await error);
    }

    public static string Describe(ProcessStartInfo start)
    {
        var text = new StringBuilder(start.FileName);
        foreach (var argument in start.ArgumentList)
            text.Append(' ').Append(argument);
        return text.ToString();
    }
}
