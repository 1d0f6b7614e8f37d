using FramesNet.Columns;

namespace FramesNet.Formats.Arrow;

/// <summary>The two Arrow IPC formats: a stream of messages, or a file with a footer for random access.</summary>
public enum ArrowIpcFormat
{
    Stream,
    File,
}

/// <summary>One-call reading and writing of whole Arrow IPC files, either format.</summary>
public static class ArrowIpc
{
    /// <summary>The file format starts with <c>ARROW1</c>; anything else is read as a stream.</summary>
    public static ArrowIpcFormat Detect(ReadOnlySpan<byte> head) =>
        head.StartsWith(ArrowFileReader.Magic) ? ArrowIpcFormat.File : ArrowIpcFormat.Stream;

    public static ArrowIpcFormat Detect(string path)
    {
        Span<byte> head = stackalloc byte[6];
        using var file = File.OpenRead(path);
        var got = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return Detect(head[..got]);
    }

    /// <summary>Reads every batch of an Arrow IPC file in either format (detected from its first bytes).</summary>
    public static (Schema Schema, List<RecordBatch> Batches) ReadFile(string path)
    {
        if (Detect(path) == ArrowIpcFormat.File)
        {
            using var file = ArrowFileReader.Open(path);
            return (file.Schema, file.ReadAll().ToList());
        }
        return ReadStream(File.OpenRead(path), path);
    }

    /// <summary>
    /// Reads every batch of an Arrow IPC stream and closes <paramref name="input"/>; batches read before a
    /// failure are disposed. <paramref name="source"/> names the input in error messages.
    /// </summary>
    public static (Schema Schema, List<RecordBatch> Batches) ReadStream(Stream input, string? source)
    {
        using var reader = new ArrowStreamReader(input, source);
        var batches = new List<RecordBatch>();
        try
        {
            while (reader.ReadNext() is { } batch)
                batches.Add(batch);
        }
        catch
        {
            batches.ForEach(b => b.Dispose());
            throw;
        }
        return (reader.Schema, batches);
    }

    /// <summary>
    /// Writes <paramref name="batches"/> to <paramref name="output"/> as an Arrow IPC stream (end marker included),
    /// leaving it open. The stream stores each field as <paramref name="schema"/> says; a batch storing a column
    /// otherwise (plain against dictionary) is converted.
    /// </summary>
    public static void WriteStream(Stream output, Schema schema, IEnumerable<RecordBatch> batches)
    {
        using var writer = new ArrowStreamWriter(output, schema, leaveOpen: true);
        foreach (var batch in batches)
            writer.Write(batch);
        writer.Finish();
    }

    /// <summary>
    /// The length of <paramref name="batches"/> written as an Arrow IPC stream, found by writing them to a
    /// stream that only counts (buffers are not copied): lets a reader be told the size before the bytes come.
    /// </summary>
    public static long StreamLength(Schema schema, IEnumerable<RecordBatch> batches)
    {
        var counter = new CountingStream();
        WriteStream(counter, schema, batches);
        return counter.Length;
    }

    /// <summary>
    /// Writes a partition (a plan's schema of logical types and its batches, each storing its columns plain or
    /// dictionary-encoded) as an Arrow IPC stream for another process (spill, share, transfer): the stream stores
    /// each field as the first batch does (<see cref="ColumnEncoding.FromFirstBatch"/>), later batches stored otherwise are
    /// converted. <see cref="PartitionLength"/> gives its length beforehand.
    /// </summary>
    internal static void WritePartition(Stream output, Schema schema, IReadOnlyList<RecordBatch> batches) =>
        WriteStream(output, ColumnEncoding.FromFirstBatch(schema, batches), batches);

    /// <summary>The length of what <see cref="WritePartition"/> writes.</summary>
    internal static long PartitionLength(Schema schema, IReadOnlyList<RecordBatch> batches) =>
        StreamLength(ColumnEncoding.FromFirstBatch(schema, batches), batches);

    /// <summary>Writes <paramref name="batches"/> to <paramref name="path"/> (created or overwritten) in <paramref name="format"/>.</summary>
    public static void WriteFile(string path, Schema schema, IEnumerable<RecordBatch> batches, ArrowIpcFormat format = ArrowIpcFormat.File)
    {
        using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        if (format == ArrowIpcFormat.File)
        {
            using var writer = new ArrowFileWriter(output, schema, leaveOpen: true);
            foreach (var batch in batches)
                writer.Write(batch);
            writer.Finish();
        }
        else
        {
            WriteStream(output, schema, batches);
        }
    }
}
