using System.Diagnostics;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Tests.Formats.Arrow.Support;

/// <summary>Runs the Arrow interop tool (apache-arrow's JavaScript implementation as the reference).</summary>
internal static class ArrowInteropTool
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
    }

    public static Result Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(SharedFolder.ArrowInterop)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start arrow-interop");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // The first call of a fresh checkout runs `npm ci`, hence the generous limit.
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"arrow-interop {string.Join(' ', arguments)} did not finish in 10 minutes");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Asserts that the tool finds the two canonical JSON files equal (compared as values).</summary>
    public static void AssertEqual(string expectedJson, string actualJson, string context)
    {
        var result = Run("equal", expectedJson, actualJson);
        Assert.True(result.ExitCode == 0, $"{context}: arrow-interop equal {expectedJson} {actualJson}\n{result}");
    }

    /// <summary>apache-arrow's reading of an IPC file as canonical JSON (failing the test if it cannot read it).</summary>
    public static string Dump(string arrowFile, string expectFormat, string context)
    {
        var result = Run("dump", arrowFile, "--expect", expectFormat);
        Assert.True(result.ExitCode == 0, $"{context}: arrow-interop dump {arrowFile} --expect {expectFormat}\n{result}");
        return result.Stdout;
    }
}
