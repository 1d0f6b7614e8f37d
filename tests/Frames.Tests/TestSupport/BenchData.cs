using System.Diagnostics;

namespace FramesNet.Tests.TestSupport;

/// <summary>
/// The peer benchmark's `small` dataset (1M trips in 4 files), made by ../shared/bench/gen_data.py when it
/// is not there yet. FRAMES_BENCH_DATA points at another copy; .ci/run installs numpy and makes it first.
/// </summary>
internal static class BenchData
{
    private static readonly Lazy<string> Small = new(Ensure);

    public static string SmallFolder => Small.Value;

    private static string Ensure()
    {
        var folder = Environment.GetEnvironmentVariable("FRAMES_BENCH_DATA") ?? "/tmp/frames-data/small";
        if (File.Exists(Path.Combine(folder, "MANIFEST.json")) && File.Exists(Path.Combine(folder, "trips-003.csv")))
            return folder;
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python, [Path.Combine(SharedFolder.Bench, "gen_data.py"), "--rows", "1000000", "--files", "4", "--out", folder])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"could not generate the benchmark data in {folder} with {python} gen_data.py (it needs numpy: apt-get install python3-numpy): {errors.Result}");
        return folder;
    }
}
