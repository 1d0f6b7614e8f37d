namespace FramesNet.Oracle.Tests;

/// <summary>How many cases a run makes: the test's own number, or FRAMES_ORACLE_CASES when set.</summary>
internal static class OracleCounts
{
    public static int Cases(int count) =>
        Environment.GetEnvironmentVariable("FRAMES_ORACLE_CASES") is { Length: > 0 } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : count;
}
