namespace FramesNet.Tests.TestSupport;

/// <summary>
/// How long a test waits for something that normally takes milliseconds before calling it a hang. It is
/// never an assertion on speed — it only keeps a broken test from hanging the suite — so it is generous
/// enough to hold on a machine loaded to a tenth of its speed (the suite runs its test assemblies in
/// parallel on 2 cores, beside real scheduler and worker processes).
/// </summary>
internal static class Patience
{
    public static readonly TimeSpan Wait = TimeSpan.FromMinutes(2);
}
