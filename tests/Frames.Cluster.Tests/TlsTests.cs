using System.Diagnostics;
using System.Text.Json;
using FramesNet.Cluster.Tests.TestSupport;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Cluster.Tests;

/// <summary>
/// TLS between the daemons and their callers: scheduler and workers serve PEM certificates (--tls-cert,
/// --tls-key), callers trust a CA bundle (--tls-ca, ClusterOptions.TrustedRoots); python-grpcio with ssl
/// credentials is the independent peer; cleartext callers are refused saying so. Certificates are made here.
/// </summary>
public sealed class TlsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frames-tls-").FullName;
    private readonly TestCertificates _site;

    public TlsTests() => _site = TestCertificates.Create(Path.Combine(_folder, "site"));

    private string[] Serve => ["--tls-cert", _site.CertificateFile, "--tls-key", _site.KeyFile, "--tls-ca", _site.CaFile];

    [Fact]
    public async Task Scheduler_worker_and_client_run_a_query_over_TLS_and_python_grpcio_verifies_the_scheduler()
    {
        await using var daemons = await Daemons.StartSchedulerAsync(Serve);
        daemons.StartWorker(["--host-name", "node-7", .. Serve]);
        await using var cluster = await Cluster.ConnectAsync(daemons.Url, new ClusterOptions { TrustedRoots = _site.Roots });
        var status = await daemons.WaitForStatusAsync(cluster, s => s.Workers.Count == 1, "the worker");
        var port = new Uri(daemons.Url).Port;
        var other = TestCertificates.Create(Path.Combine(_folder, "other"), "Some other CA");

        var answer = await CountByVendorAsync(cluster);
        var python = await PythonStatusAsync($"127.0.0.1:{port}", "tls", _site.CaFile);
        var pythonDistrusting = await PythonStatusAsync($"127.0.0.1:{port}", "tls", other.CaFile);
        var pythonCleartext = await PythonStatusAsync($"127.0.0.1:{port}", "cleartext");

        Assert.StartsWith("https://127.0.0.1:", daemons.Url);
        Assert.StartsWith("https://127.0.0.1:", status.Workers[0].Address);
        Assert.Equal(["a=2", "b=1"], answer);
        Assert.True(python.Code == 0, $"python-grpcio over TLS: {python.Details}");
        Assert.Contains("node-7", python.Reply);
        Assert.Equal(14, pythonDistrusting.Code); // UNAVAILABLE: the handshake failed
        Assert.Equal((9, $"this server accepts only TLS: connect with https://127.0.0.1:{port} (and trust its certificate's CA), not http://"),
            (pythonCleartext.Code, pythonCleartext.Details)); // FAILED_PRECONDITION
    }

    [Fact]
    public async Task Cleartext_callers_and_callers_not_trusting_the_CA_are_refused_saying_why()
    {
        await using var daemons = await Daemons.StartSchedulerAsync(Serve);
        var port = new Uri(daemons.Url).Port;

        var cleartext = await Assert.ThrowsAsync<IOException>(() => Cluster.ConnectAsync($"http://127.0.0.1:{port}"));
        var untrusting = await Assert.ThrowsAsync<IOException>(() => Cluster.ConnectAsync(daemons.Url));
        using var worker = Executable.Start("frames-worker", "--scheduler", $"http://127.0.0.1:{port}");

        Assert.Equal($"cannot reach the scheduler at http://127.0.0.1:{port}: this server accepts only TLS: connect with https://127.0.0.1:{port} (and trust its certificate's CA), not http://",
            cleartext.Message);
        Assert.StartsWith($"cannot reach the scheduler at {daemons.Url}: TLS handshake with {daemons.Url}/ failed: ", untrusting.Message);
        Assert.EndsWith("(trust the CA that signed the server's certificate, e.g. --tls-ca, and connect by a name the certificate holds)", untrusting.Message);
        Assert.Equal(1, await worker.ExitCodeAsync());
        Assert.Contains("refused this worker: FailedPrecondition: this server accepts only TLS", worker.Stderr);
    }

    [Theory]
    [InlineData("frames-scheduler")]
    [InlineData("frames-worker")]
    public async Task A_certificate_without_its_key_is_a_bad_command_line_and_a_missing_file_bad_input(string program)
    {
        string[] common = program == "frames-worker" ? ["--scheduler", "http://127.0.0.1:1"] : ["--port", "0"];

        var unpaired = await Executable.RunAsync(program, [.. common, "--tls-cert", _site.CertificateFile]);
        var missing = await Executable.RunAsync(program, [.. common, "--tls-cert", "/nonexistent/server.pem", "--tls-key", _site.KeyFile]);
        var notPem = await Executable.RunAsync(program, [.. common, "--tls-cert", _site.CertificateFile, "--tls-key", _site.KeyFile, "--tls-ca", _site.KeyFile]);

        Assert.Equal((2, $"{program}: --tls-cert needs --tls-key: the certificate's private key (PEM)"), (unpaired.Code, FirstLine(unpaired.Stderr)));
        Assert.Equal(1, missing.Code);
        Assert.StartsWith($"{program}: --tls-cert /nonexistent/server.pem: Could not find a part of the path", FirstLine(missing.Stderr));
        Assert.Equal((1, $"{program}: --tls-ca {_site.KeyFile} holds no PEM certificate"), (notPem.Code, FirstLine(notPem.Stderr)));
    }

    private async Task<string[]> CountByVendorAsync(Cluster cluster)
    {
        var path = Path.Combine(_folder, "trips.csv");
        File.WriteAllText(path, "vendor,fare\na,1.5\nb,2.5\na,3.0\n");
        var table = await (await cluster.ReadCsvAsync(path)).GroupBy("vendor").Agg(Frames.Count().Alias("n")).CollectAsync();
        return [.. table.Select(row => $"{row["vendor"]}={row["n"]}").Order()];
    }

    private sealed record PythonOutcome(int Code, string Details, string Reply);

    /// <summary>Runs interop/status_client.py with Debian's python3-grpcio; its JSON line back.</summary>
    private static async Task<PythonOutcome> PythonStatusAsync(string address, string mode, string? ca = null)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "interop", "status_client.py"), address, mode, ca ?? "" })
            start.ArgumentList.Add(arg);
        using var python = Process.Start(start)!;
        var stderr = python.StandardError.ReadToEndAsync();
        var stdout = await python.StandardOutput.ReadToEndAsync().WaitAsync(Patience.Wait);
        await python.WaitForExitAsync();
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'))
            ?? throw new InvalidOperationException($"python3 status_client.py printed no result (exit {python.ExitCode}); is python3-grpcio installed (.ci/install-extra)?\n{await stderr}");
        var json = JsonDocument.Parse(line).RootElement;
        return new PythonOutcome(json.GetProperty("code").GetInt32(), json.GetProperty("details").GetString()!, json.GetProperty("reply").GetString()!);
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].TrimEnd('\r');

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
