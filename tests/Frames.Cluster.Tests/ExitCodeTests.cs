using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FramesNet.Cluster.Tests.TestSupport;

namespace FramesNet.Cluster.Tests;

/// <summary>
/// frames, frames-scheduler and frames-worker agree on exit codes (0 done, 1 bad input, 2 bad command line,
/// 3 internal error) and on the words for the same mistake; bad values are refused before anything starts.
/// </summary>
public sealed class ExitCodeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frames-exit-").FullName;

    /// <summary>Each program with the arguments it needs besides the one under test.</summary>
    public static TheoryData<string> Programs => new() { "frames", "frames-scheduler", "frames-worker" };

    private static string[] Run(string program, params string[] args) => program switch
    {
        "frames" => ["local", .. args],
        "frames-worker" => ["--scheduler", "http://127.0.0.1:1", "--connect-timeout", "1s", .. args],
        _ => args,
    };

    private static string Prefix(string program) => program + ": ";

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task A_missing_token_file_is_bad_input_naming_flag_and_path(string program)
    {
        var result = await Executable.RunAsync(program, Run(program, "--token-file", "/nonexistent/token"));

        Assert.Equal(1, result.Code);
        Assert.StartsWith(Prefix(program) + "--token-file /nonexistent/token: Could not find a part of the path", FirstLine(result.Stderr));
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task An_empty_token_file_is_bad_input(string program)
    {
        var token = Path.Combine(_folder, "token");
        File.WriteAllText(token, " \n");

        var result = await Executable.RunAsync(program, Run(program, "--token-file", token));

        Assert.Equal(1, result.Code);
        Assert.Equal(Prefix(program) + $"--token-file {token} is empty", FirstLine(result.Stderr));
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task A_port_out_of_range_is_a_bad_command_line_refused_before_anything_starts(string program)
    {
        var result = await Executable.RunAsync(program, Run(program, "--port", "99999"));

        Assert.Equal(2, result.Code);
        Assert.Equal(Prefix(program) + "--port must be 0–65535 (0 takes a free port), not 99999", FirstLine(result.Stderr));
        Assert.DoesNotContain("listening", result.Stdout + result.Stderr);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task A_malformed_value_or_unknown_flag_is_a_bad_command_line(string program)
    {
        var malformed = await Executable.RunAsync(program, Run(program, "--port", "abc"));
        var unknown = await Executable.RunAsync(program, Run(program, "--bogus"));

        Assert.Equal(2, malformed.Code);
        Assert.StartsWith(Prefix(program) + "Cannot parse argument 'abc' for option '--port'", FirstLine(malformed.Stderr));
        Assert.Equal(2, unknown.Code);
        Assert.StartsWith(Prefix(program) + "Unrecognized command or argument '--bogus'", FirstLine(unknown.Stderr));
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task A_taken_port_is_bad_input(string program)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var result = await Executable.RunAsync(program, Run(program, "--port", port));

        Assert.Equal(1, result.Code);
        Assert.Contains($"127.0.0.1:{port}", result.Stderr);
        Assert.Contains("address already in use", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task Counts_below_one_are_refused_before_anything_starts()
    {
        var workers = await Executable.RunAsync("frames", "local", "--workers", "0");
        var rows = await Executable.RunAsync("frames", "head", "/nonexistent/file.csv", "--rows", "-5");
        var slots = await Executable.RunAsync("frames-worker", "--scheduler", "http://127.0.0.1:1", "--slots", "0");

        Assert.Equal((2, "frames: --workers must be at least 1, not 0"), (workers.Code, FirstLine(workers.Stderr)));
        Assert.DoesNotContain("ready", workers.Stdout);
        Assert.Equal(2, rows.Code);
        Assert.Contains("must be 0 or more, not -5", rows.Stderr);
        Assert.Equal((2, "frames-worker: --slots must be at least 1, not 0"), (slots.Code, FirstLine(slots.Stderr)));
    }

    [Fact]
    public async Task A_missing_data_root_is_bad_input_for_frames_local_and_the_worker()
    {
        var local = await Executable.RunAsync("frames", "local", "--data-root", "/nonexistent/data");
        var worker = await Executable.RunAsync("frames-worker", "--scheduler", "http://127.0.0.1:1", "--data-root", "/nonexistent/data");

        Assert.Equal((1, "frames: --data-root /nonexistent/data is not a folder"), (local.Code, FirstLine(local.Stderr)));
        Assert.Equal((1, "frames-worker: --data-root /nonexistent/data is not a folder"), (worker.Code, FirstLine(worker.Stderr)));
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].TrimEnd('\r');

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
