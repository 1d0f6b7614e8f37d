using System.Globalization;

namespace FramesNet.Cluster.Tests.TestSupport;

/// <summary>Processes as Linux's /proc shows them: a process's children, and whether one still runs.</summary>
internal static class ChildProcesses
{
    /// <summary>The child processes of <paramref name="pid"/> (every thread's children file).</summary>
    public static List<int> Of(int pid) =>
        [.. Directory.GetDirectories($"/proc/{pid}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(id => int.Parse(id, CultureInfo.InvariantCulture))];

    /// <summary>Alive and not a zombie (a child that exited but was not reaped yet counts as gone).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }
}
