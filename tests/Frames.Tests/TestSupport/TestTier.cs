namespace FramesNet.Tests.TestSupport;

/// <summary>
/// How much work the costly tests do. The default tier keeps `dotnet test` quick; FRAMES_TEST_TIER=slow
/// (set by .ci/run for the slow pass) raises fuzz and property counts to their full size.
/// </summary>
internal static class TestTier
{
    public static bool IsSlow => string.Equals(Environment.GetEnvironmentVariable("FRAMES_TEST_TIER"), "slow", StringComparison.OrdinalIgnoreCase);

    /// <summary><paramref name="slow"/> in the slow tier, else <paramref name="fast"/>.</summary>
    public static int Count(int fast, int slow) => IsSlow ? slow : fast;
}
