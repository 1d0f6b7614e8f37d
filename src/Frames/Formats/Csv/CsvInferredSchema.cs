using FramesNet.Columns;
using FramesNet.Display;

namespace FramesNet.Formats.Csv;

/// <summary>
/// How the types of a CSV read were inferred: the schema, how many rows the sample held (the first
/// <see cref="CsvReadOptions.InferenceRows"/>, or every row when the files have fewer), and per column what the
/// sampled values were.
/// </summary>
public sealed class CsvInferredSchema
{
    internal CsvInferredSchema(Schema schema, long sampledRows, bool sampledAll, IReadOnlyList<string> files, IReadOnlyList<CsvInferredColumn> columns)
    {
        Schema = schema;
        SampledRows = sampledRows;
        SampledAllRows = sampledAll;
        Files = files;
        Columns = columns;
    }

    public Schema Schema { get; }

    /// <summary>Data rows (not the header) the types were inferred from.</summary>
    public long SampledRows { get; }

    /// <summary>True when the sample reached the end of every file: the types fit every row.</summary>
    public bool SampledAllRows { get; }

    /// <summary>The files the sample was read from (the first ones of the read).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>One per column of <see cref="Schema"/>, in its order.</summary>
    public IReadOnlyList<CsvInferredColumn> Columns { get; }

    /// <summary><c>types inferred from all 50 rows of t.csv</c>, <c>types inferred from the first 10,000 rows of 3 files</c>.</summary>
    public string Describe()
    {
        var rows = SampledAllRows ? $"all {Counted.Of(SampledRows, "row")}" : $"the first {Counted.Of(SampledRows, "row")}";
        var files = Files.Count == 1 ? Files[0] : Counted.Of(Files.Count, "file");
        return $"types inferred from {rows} of {files}";
    }
}

/// <summary>
/// One inferred column: its type, how many values and nulls the sample held, and — when it became utf8 although
/// most values fit another type — which type that was and the sampled values that did not fit it.
/// </summary>
public sealed record CsvInferredColumn(string Name, DataType Type, long Values, long Nulls, DataType? MostValuesFit, long NotFitting,
    IReadOnlyList<CsvSampleValue> NotFittingExamples)
{
    /// <summary>
    /// Why the column is utf8 when that is worth a word: <c>3 of 1,000 sampled values are not int64: line 17 'n/a',
    /// line 40 '-', line 99 '?'</c>, or <c>no values in the sample</c>; null otherwise.
    /// </summary>
    public string? Note(bool withFileNames = false)
    {
        if (Values == 0)
            return "no values in the sample" + (Nulls > 0 ? $" ({Counted.Of(Nulls, "null")})" : "");
        if (MostValuesFit is null)
            return null;
        var examples = string.Join(", ", NotFittingExamples.Select(e => e.Describe(withFileNames)));
        var more = NotFitting > NotFittingExamples.Count ? ", …" : "";
        return $"{Counted.Number(NotFitting)} of {Counted.Of(Values, "sampled value")} {(NotFitting == 1 ? "is" : "are")} not {MostValuesFit}: {examples}{more}";
    }
}

/// <summary>A value from the inference sample and where it is.</summary>
public readonly record struct CsvSampleValue(string File, long Line, string Text)
{
    /// <summary>The longest text shown in a message; longer values are cut with an ellipsis.</summary>
    public const int MaxShown = 40;

    public string Describe(bool withFileName) => $"{(withFileName ? File + ":" : "line ")}{Line} '{Text}'";
}
