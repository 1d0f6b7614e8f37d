using FramesNet.Columns;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace FramesNet.DataAnalysis.Tests;

/// <summary>A converted table feeds ML.NET: the package's DataFrame is an IDataView, read here through its cursor.</summary>
public class DataViewTests
{
    [Fact]
    public void A_converted_table_reads_through_the_IDataView_cursor()
    {
        var result = Frames.FromColumns(FramesContext.Local, 2,
                ("id", new long[] { 1, 2, 3, 4 }),
                ("price", new[] { 1.5, 2.5, 3.5, 4.5 }),
                ("label", new[] { true, false, true, false }),
                ("city", new[] { "Oslo", "Lima", "Oslo", "Pune" }),
                ("day", new[] { new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 3), new DateOnly(2024, 1, 4) }),
                ("blob", new[] { new byte[] { 1 }, new byte[] { 2, 2 }, new byte[] { 3, 3, 3 }, Array.Empty<byte>() }))
            .Filter(Frames.Col("id") > 1)
            .Collect();

        IDataView view = result.ToDataAnalysis();

        Assert.Equal(3L, view.GetRowCount());
        Assert.Equal(NumberDataViewType.Int64, view.Schema["id"].Type);
        Assert.Equal(NumberDataViewType.Double, view.Schema["price"].Type);
        Assert.Equal(BooleanDataViewType.Instance, view.Schema["label"].Type);
        Assert.Equal(TextDataViewType.Instance, view.Schema["city"].Type);
        Assert.Equal(DateTimeDataViewType.Instance, view.Schema["day"].Type);
        var blob = Assert.IsType<VectorDataViewType>(view.Schema["blob"].Type);
        Assert.Equal(NumberDataViewType.Byte, blob.ItemType);
        var ids = new List<long>();
        var prices = new List<double>();
        var cities = new List<string>();
        var days = new List<DateTime>();
        using (var cursor = view.GetRowCursor(view.Schema))
        {
            var id = cursor.GetGetter<long>(view.Schema["id"]);
            var price = cursor.GetGetter<double>(view.Schema["price"]);
            var city = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["city"]);
            var day = cursor.GetGetter<DateTime>(view.Schema["day"]);
            long idValue = 0;
            double priceValue = 0;
            ReadOnlyMemory<char> cityValue = default;
            DateTime dayValue = default;
            while (cursor.MoveNext())
            {
                id(ref idValue);
                price(ref priceValue);
                city(ref cityValue);
                day(ref dayValue);
                ids.Add(idValue);
                prices.Add(priceValue);
                cities.Add(cityValue.ToString());
                days.Add(dayValue);
            }
        }
        Assert.Equal([2L, 3L, 4L], ids);
        Assert.Equal([2.5, 3.5, 4.5], prices);
        Assert.Equal(["Lima", "Oslo", "Pune"], cities);
        Assert.Equal([new DateTime(2024, 1, 2), new DateTime(2024, 1, 3), new DateTime(2024, 1, 4)], days);
    }
}
