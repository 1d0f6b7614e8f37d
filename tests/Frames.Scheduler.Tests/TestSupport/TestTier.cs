namespace FramesNet.Scheduler.Tests.TestSupport;

/// <summary>
/// How much work the costly tests do (as in Frames.Tests): FRAMES_TEST_TIER=slow, set by .ci/run for the
/// slow pass, raises their counts; tests that use it carry [Trait("Category", "Slow")].
/// </summary>
internal static class TestTier
{
    public static bool IsSlow => string.Equals(Environment.GetEnvironmentVariable("FRAMES_TEST_TIER"), "slow", StringComparison.OrdinalIgnoreCase);

    public static int Count(int fast, int slow) => IsSlow ? slow : fast;
}
