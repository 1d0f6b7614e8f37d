// A user's file: both packages' namespaces and the adapter's imported together, outside the FramesNet namespace (a
// file inside it would see FramesNet.DataFrame first and hide the clash). Both packages call their frame DataFrame;
// the typical use below never has to name either, and naming one takes its namespace.
using FramesNet;
using FramesNet.DataAnalysis;
using Microsoft.Data.Analysis;
using static FramesNet.Frames;

namespace DataAnalysisUsers;

public class UserFileTests
{
    [Fact]
    public void A_file_importing_FramesNet_Microsoft_Data_Analysis_and_the_adapter_compiles_and_runs()
    {
        var result = FromColumns(("id", new long[] { 1, 2, 3 }), ("name", new[] { "a", null, "c" }))
            .Filter(Col("id") > 1)
            .Collect();

        var df = result.ToDataAnalysis();
        df["twice"] = df["id"] * 2;
        Microsoft.Data.Analysis.DataFrame sorted = df.OrderByDescending("id");
        Table back = sorted.ToFramesTable();
        FramesNet.DataFrame again = back.ToDataFrame();

        Assert.Equal(new object?[] { 3L, "c" }, new[] { sorted["id"][0], sorted["name"][0] });
        Assert.Equal(6L, Convert.ToInt64(sorted["twice"][0]));
        Assert.Equal(2L, again.Count());
        Assert.Equal(6L, Convert.ToInt64(back[0]["twice"]));
        Assert.IsAssignableFrom<DataFrameColumn>(df["name"]);
    }
}
