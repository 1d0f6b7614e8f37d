using System.Text;
using FramesNet.Formats.Arrow;
using static FramesNet.Frames;

namespace FramesNet.Tests.Formats.Arrow;

/// <summary>
/// Input that is not Arrow IPC at all — another format, text, random bytes — given to the Arrow readers says so,
/// showing the first bytes and, where they are recognisable, what the input looks like.
/// </summary>
public sealed class NotArrowInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frames-notarrow-").FullName;

    public static TheoryData<string, byte[], string> OtherFormats => new()
    {
        { "Parquet", [.. "PAR1"u8, 0x15, 0x04, 0x15, 0x80, 0x01, 0x15, 0x80, 0x01, 0x4C, 0x15, 0x02, .. "PAR1"u8], "50 41 52 31 15 04" },
        { "gzip-compressed data", [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4B, 0x4C], "1f 8b 08 00" },
        { "a zip archive (xlsx, docx, jar, …)", [.. "PK\u0003\u0004"u8, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00], "50 4b 03 04" },
        { "zstd-compressed data", [0x28, 0xB5, 0x2F, 0xFD, 0x24, 0x05, 0x29, 0x00, 0x00], "28 b5 2f fd" },
        { "an SQLite database", [.. "SQLite format 3\0"u8, 0x10, 0x00], "53 51 4c 69" },
        { "text (CSV or similar)", Encoding.UTF8.GetBytes("id,fare\n1,2.5\n2,3.5\n"), "69 64 2c 66 61 72 65" },
        { "JSON text", Encoding.UTF8.GetBytes("[{\"id\": 1}, {\"id\": 2}]\n"), "5b 7b 22" },
        { "Avro", [.. "Obj\u0001"u8, 0x04, 0x14, .. "avro.codec"u8], "4f 62 6a 01" },
    };

    [Theory]
    [MemberData(nameof(OtherFormats))]
    public void Another_format_given_to_ReadArrow_says_what_it_looks_like(string looksLike, byte[] bytes, string hex)
    {
        var path = Write("data.arrow", bytes);

        var viaFrame = Assert.Throws<ArrowFormatException>(() => ReadArrow(path));
        var viaFile = Assert.Throws<ArrowFormatException>(() => ArrowFileReader.Open(path).Dispose());

        Assert.StartsWith($"{path}: at byte 0: not an Arrow IPC file or stream: it starts with {hex}", viaFrame.Message);
        Assert.EndsWith($", which looks like {looksLike}", viaFrame.Message);
        Assert.Contains($"not an Arrow IPC file (it does not start with ARROW1): it starts with {hex}", viaFile.Message);
        Assert.Contains($"which looks like {looksLike}", viaFile.Message);
    }

    [Fact]
    public void Random_bytes_are_never_read_as_arrow_and_the_message_shows_them()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[random.Next(4, 300)];
            random.NextBytes(bytes);
            if (bytes.AsSpan().StartsWith(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }) || bytes.AsSpan().StartsWith("ARRO"u8))
                continue;
            var path = Write($"random-{i}.arrows", bytes);

            var error = Assert.Throws<ArrowFormatException>(() => ArrowIpc.ReadFile(path));

            Assert.Contains("not an Arrow IPC file or stream", error.Message);
            Assert.Contains($"it starts with {Convert.ToHexString(bytes, 0, 4).ToLowerInvariant().Insert(6, " ").Insert(4, " ").Insert(2, " ")}", error.Message);
        }
    }

    [Fact]
    public void A_real_arrow_stream_still_reads()
    {
        var path = Path.Combine(_folder, "ok.arrows");
        var table = FromColumns(("id", new long[] { 1, 2 })).Collect();
        ArrowIpc.WriteFile(path, table.Schema, table.Batches, ArrowIpcFormat.Stream);

        Assert.Equal(2, ReadArrow(path).Count());
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
