using FramesNet.Formats.Parquet;
using static FramesNet.Frames;

namespace FramesNet.Tests.Formats.Parquet;

/// <summary>Bad Parquet fails with an error naming the file (and where), never a crash of the native reader.</summary>
public class ParquetErrorTests : IDisposable
{
    private readonly ParquetTestFiles _files = new();

    private string Good()
    {
        var path = _files.PathOf("good.parquet");
        ParquetTestFiles.DuckDb($"COPY (SELECT i::BIGINT AS id, 'v' || i AS s FROM range(0, 20000) r(i)) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 4096)");
        return path;
    }

    [Fact]
    public void A_file_that_is_not_Parquet_is_an_error_naming_it()
    {
        var path = _files.PathOf("text.parquet");
        File.WriteAllText(path, "id,name\n1,a\n");

        var error = Assert.Throws<ParquetFormatException>(() => ReadParquet(path));

        Assert.Equal(path, error.Path);
        Assert.StartsWith($"{path}: not a readable Parquet file", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(100)]
    public void A_truncated_file_is_an_error_naming_it(int keep)
    {
        var bytes = File.ReadAllBytes(Good());
        var path = _files.PathOf("cut.parquet");
        File.WriteAllBytes(path, bytes[..keep]);

        var error = Assert.Throws<ParquetFormatException>(() => ReadParquet(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_file_whose_column_data_is_corrupt_fails_the_query_naming_the_file_and_row_group()
    {
        var good = Good();
        var bytes = File.ReadAllBytes(good);
        var frame = ReadParquet(good);   // footer read from the good file
        // Overwrite the middle of the data pages (the footer stays intact): the plan is made, reading fails.
        for (var i = 200; i < bytes.Length / 2; i += 7)
            bytes[i] ^= 0x5A;
        File.WriteAllBytes(good, bytes);
        File.SetLastWriteTimeUtc(good, File.GetLastWriteTimeUtc(good));

        var error = Assert.ThrowsAny<Exception>(() => frame.Collect());

        var message = Flatten(error);
        Assert.True(message.Contains(good) && message.Contains("row group"), message);
    }

    [Fact]
    public void A_nested_column_is_refused_naming_it()
    {
        var path = _files.PathOf("nested.parquet");
        ParquetTestFiles.DuckDb($"COPY (SELECT 1 AS id, [1, 2] AS tags) TO '{path}' (FORMAT parquet)");

        var error = Assert.Throws<ParquetFormatException>(() => ReadParquet(path));

        Assert.Contains("column 'tags' is nested", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Files_with_different_columns_in_one_glob_are_an_error_naming_both()
    {
        ParquetTestFiles.DuckDb(
            $"COPY (SELECT 1::BIGINT AS id) TO '{_files.PathOf("a.parquet")}' (FORMAT parquet)",
            $"COPY (SELECT 1::INTEGER AS id) TO '{_files.PathOf("b.parquet")}' (FORMAT parquet)");

        var error = Assert.Throws<ParquetFormatException>(() => ReadParquet(_files.PathOf("*.parquet")));

        Assert.Contains("b.parquet", error.Message);
        Assert.Contains("a.parquet", error.Message);
    }

    [Fact]
    public void An_empty_file_with_columns_reads_as_no_rows()
    {
        var path = _files.PathOf("empty.parquet");
        ParquetTestFiles.DuckDb($"COPY (SELECT 1::BIGINT AS id, 'x' AS s WHERE false) TO '{path}' (FORMAT parquet)");

        var frame = ReadParquet(path);

        Assert.Equal(["id", "s"], frame.Schema.Fields.Select(f => f.Name));
        Assert.Equal(0, frame.Count());
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);

    public void Dispose() => _files.Dispose();
}
