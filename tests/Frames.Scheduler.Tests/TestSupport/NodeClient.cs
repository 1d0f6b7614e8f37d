using System.Diagnostics;
using System.Text.Json;

namespace FramesNet.Scheduler.Tests.TestSupport;

/// <summary>Runs interop/client.js (@grpc/grpc-js) for one scenario and parses the JSON line it prints.</summary>
internal static class NodeClient
{
    private static readonly Lazy<string> Folder = new(FindFolder);

    public static async Task<JsonElement> RunAsync(Uri scheduler, string scenario, string? token = null)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder.Value,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(Folder.Value, "client.js"));
        info.ArgumentList.Add($"{scheduler.Host}:{scheduler.Port}");
        info.ArgumentList.Add(scenario);
        if (token is not null)
        {
            info.ArgumentList.Add("--token");
            info.ArgumentList.Add(token);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node client.js {scenario} did not finish in 60 s; stderr: {await stderr}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"node client.js {scenario} exited {process.ExitCode}; stderr: {await stderr}");
        var line = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'))
            ?? throw new InvalidOperationException($"node client.js {scenario} printed no result; stderr: {await stderr}");
        return JsonDocument.Parse(line).RootElement;
    }

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "interop");
            if (File.Exists(Path.Combine(candidate, "client.js")) && File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return Directory.Exists(Path.Combine(candidate, "node_modules", "@grpc", "grpc-js"))
                    ? candidate
                    : throw new InvalidOperationException($"the grpc-js client is not installed: run `npm ci` in {candidate}");
            }
        }
        throw new InvalidOperationException($"no interop/ folder with client.js above {AppContext.BaseDirectory}");
    }
}
