using FramesNet.Columns;

namespace FramesNet.Formats.Csv;

/// <summary>How <see cref="CsvReader"/> reads CSV (RFC 4180) files.</summary>
/// <remarks>
/// Values are read as UTF-8. A utf8 column holding bytes that are not valid UTF-8 is an error (or a skipped
/// row with <see cref="SkipBadRows"/>): Frames strings are always valid UTF-8. A quoted value is never null in a
/// utf8 column, so <c>""</c> reads as the empty string while an empty unquoted field reads as null.
/// </remarks>
public sealed record CsvReadOptions
{
    /// <summary>The field separator: one ASCII character other than a quote, CR or LF.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Whether the first line of every file names the columns.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>Unquoted field texts that read as null (in every column type).</summary>
    public IReadOnlyList<string> NullValues { get; init; } = [""];

    /// <summary>The files' columns, by position; when given, nothing is inferred.</summary>
    public Schema? Schema { get; init; }

    /// <summary>Projection: only these columns are parsed, and batches hold them in this order.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Rows per output batch (a range's last batch may be shorter).</summary>
    public int BatchRows { get; init; } = 64 * 1024;

    /// <summary>Rows sampled from the start of the files to infer column types.</summary>
    public int InferenceRows { get; init; } = 10_000;

    /// <summary>Skip rows that do not parse instead of throwing; the <see cref="CsvReadReport"/> says how many and where.</summary>
    public bool SkipBadRows { get; init; }

    /// <summary>Byte ranges parsed at the same time.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Target size of the byte ranges a big file is split into for parallel parsing.</summary>
    public long RangeBytes { get; init; } = 8L << 20;

    /// <summary>Bytes read from a file at a time (a row longer than this grows the buffer).</summary>
    internal int ReadBytes { get; init; } = CsvRangeParser.DefaultReadBytes;

    internal byte DelimiterByte => (byte)Delimiter;

    internal void Validate()
    {
        if (Delimiter is '"' or '\r' or '\n' || Delimiter > 127)
            throw new ArgumentException($"the delimiter must be an ASCII character other than a quote, CR or LF, not '{Delimiter}'");
        if (BatchRows < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchRows), BatchRows, "at least one row per batch");
        if (Parallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(Parallelism), Parallelism, "at least one range at a time");
        if (RangeBytes < 1)
            throw new ArgumentOutOfRangeException(nameof(RangeBytes), RangeBytes, "ranges must hold at least one byte");
        if (InferenceRows < 0)
            throw new ArgumentOutOfRangeException(nameof(InferenceRows), InferenceRows, "cannot sample a negative number of rows");
        ArgumentNullException.ThrowIfNull(NullValues);
    }
}
