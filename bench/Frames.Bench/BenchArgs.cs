using System.Globalization;

namespace FramesNet.Bench;

/// <summary>What every bench reads from its command line and prints about the machine.</summary>
internal static class BenchArgs
{
    /// <summary>The value after <paramref name="name"/>, or null when the flag is absent.</summary>
    public static string? Text(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>The number after <paramref name="name"/> (invariant culture), or <paramref name="fallback"/>.</summary>
    public static double Number(string[] args, string name, double fallback) =>
        Text(args, name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The 1, 5 and 15 minute load averages: other work on the machine distorts every figure.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
