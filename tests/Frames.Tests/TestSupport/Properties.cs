using FsCheck;
using FsCheck.Fluent;

namespace FramesNet.Tests.TestSupport;

/// <summary>Runs FsCheck properties from xunit: a failure throws with the shrunk counter-example.</summary>
internal static class Properties
{
    public static void Check(Property property, int? maxTests = null) =>
        property.Check(Config.QuickThrowOnFailure.WithMaxTest(maxTests ?? TestTier.Count(200, 2000)));
}
