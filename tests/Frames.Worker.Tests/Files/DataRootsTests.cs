using FramesNet.Worker.Files;

namespace FramesNet.Worker.Tests.Files;

public class DataRootsTests
{
    [Theory]
    [InlineData("/data/a.csv", true)]
    [InlineData("/data/sub/deep/a.csv", true)]
    [InlineData("/data", true)]
    [InlineData("/database/a.csv", false)]
    [InlineData("/data/../etc/passwd", false)]
    [InlineData("/other/a.csv", false)]
    [InlineData("relative/a.csv", false)]
    public void A_path_is_allowed_only_under_a_root(string path, bool allowed) =>
        Assert.Equal(allowed, new DataRoots(["/data/", "/srv/share"]).Allows(path));

    [Fact]
    public void Without_roots_everything_is_allowed() =>
        Assert.True(DataRoots.Everywhere.Allows("/etc/hosts"));

    [Fact]
    public void The_filesystem_root_as_a_data_root_allows_everything() =>
        Assert.True(new DataRoots(["/"]).Allows("/etc/hosts"));

    [Fact]
    public void A_refusal_names_the_path_and_the_roots() =>
        Assert.Equal("/x/y.csv is outside this worker's data roots (/data)", new DataRoots(["/data"]).Refusal("/x/y.csv"));
}
