using FramesNet.Scheduler.Core;

namespace FramesNet.Scheduler.Tests.Core;

public sealed class FileListingTests
{
    private static readonly WorkerId W1 = new(1), W2 = new(2), W3 = new(3);

    [Fact]
    public void Files_are_merged_by_path_with_the_workers_that_see_them()
    {
        var merged = FileListing.Merge([
            (W1, "a", [new FileStat("/d/2.csv", 20, 5), new FileStat("/d/1.csv", 10, 5)]),
            (W2, "b", [new FileStat("/d/1.csv", 10, 5)]),
        ]);

        Assert.Equal(["/d/1.csv", "/d/2.csv"], merged.Select(f => f.Path));
        Assert.Equal([W1, W2], merged[0].Workers);
        Assert.Equal(["a", "b"], merged[0].Hosts);
        Assert.Equal([W1], merged[1].Workers);
        Assert.Equal(20, merged[1].Size);
    }

    [Fact]
    public void When_workers_disagree_the_version_most_see_wins()
    {
        var merged = FileListing.Merge([
            (W1, "a", [new FileStat("/d/x.csv", 10, 5)]),
            (W2, "b", [new FileStat("/d/x.csv", 99, 7)]),
            (W3, "c", [new FileStat("/d/x.csv", 10, 5)]),
        ]);

        var file = Assert.Single(merged);
        Assert.Equal((10L, 5L), (file.Size, file.ModifiedTicks));
        Assert.Equal([W1, W3], file.Workers);
    }

    [Fact]
    public void A_file_all_participants_see_alike_is_shared_else_pinned()
    {
        var registry = new FileRegistry();
        registry.Record([
            new ListedFile("/shared.csv", 1, 1, [W1, W2], ["a", "b"]),
            new ListedFile("/local.csv", 1, 1, [W2], ["b"]),
        ], [W1, W2]);

        Assert.Null(registry.PinnedTo("/shared.csv"));
        Assert.Equal([W2], registry.PinnedTo("/local.csv"));
        Assert.Null(registry.PinnedTo("/never-listed.csv"));
        Assert.Equal([W1, W2], registry.SeenBy("/shared.csv"));
    }
}
