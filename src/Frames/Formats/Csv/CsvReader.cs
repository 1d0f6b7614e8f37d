using FramesNet.Columns;

namespace FramesNet.Formats.Csv;

/// <summary>
/// Reads CSV (RFC 4180) files into record batches: whole files in parallel with <see cref="Open(IReadOnlyList{string}, CsvReadOptions?)"/>,
/// or range by range (<see cref="SplitRanges"/> then <see cref="ReadRange"/>) for an engine that schedules the ranges itself.
/// </summary>
public static class CsvReader
{
    /// <summary>The file's columns: the explicit schema of the options, or names from the header and inferred types.</summary>
    public static Schema InferSchema(string path, CsvReadOptions? options = null)
    {
        options ??= new CsvReadOptions();
        options.Validate();
        CsvFiles.RequireExists(path);
        return options.Schema ?? CsvSchemaInference.Infer([path], options);
    }

    /// <summary>Opens a read of <paramref name="paths"/> (same columns in each): checks the files exist and settles the schema.</summary>
    public static CsvScan Open(IReadOnlyList<string> paths, CsvReadOptions? options = null)
    {
        options = Checked(paths, options);
        var inferred = options.Schema is null ? CsvSchemaInference.InferWithReport(paths, options) : null;
        return new CsvScan(paths, CsvReadPlan.Create(options.Schema ?? inferred!.Schema, options)) { Inference = inferred };
    }

    /// <summary>
    /// Infers the columns of <paramref name="paths"/> from a sample of their first rows, and says how: rows sampled, and
    /// per column the values seen — a column that became utf8 although most values fit another type names that type
    /// and the values that did not fit it.
    /// </summary>
    public static CsvInferredSchema InferSchemaWithReport(IReadOnlyList<string> paths, CsvReadOptions? options = null)
    {
        options = Checked(paths, options);
        return CsvSchemaInference.InferWithReport(paths, options);
    }

    /// <summary>The options to read <paramref name="paths"/> with, once the paths are some and exist and the options are valid.</summary>
    private static CsvReadOptions Checked(IReadOnlyList<string> paths, CsvReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
            throw new ArgumentException("no CSV files to read", nameof(paths));
        options ??= new CsvReadOptions();
        options.Validate();
        foreach (var path in paths)
            CsvFiles.RequireExists(path);
        return options;
    }

    public static CsvScan Open(string path, CsvReadOptions? options = null) => Open([path], options);

    /// <summary>
    /// Cuts a file into ranges of about <paramref name="targetBytes"/> that each start exactly at a row (quote-aware).
    /// Costs one read of the file to count quotes when it has more than one range; a file with quotes is then cut by
    /// a quote-parity scan.
    /// </summary>
    public static IReadOnlyList<CsvFileRange> SplitRanges(string path, long targetBytes, CsvReadOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targetBytes, 1);
        options ??= new CsvReadOptions();
        options.Validate();
        return CsvRangeSplitter.Exact(path, targetBytes, options);
    }

    /// <summary>
    /// The rows of one range of a file whose columns are <paramref name="fileSchema"/>, as batches of the projected
    /// columns (<see cref="CsvReadOptions.Columns"/>). The range must start at a row (as <see cref="SplitRanges"/> cuts).
    /// Rows read and skipped are added to <paramref name="report"/>.
    /// </summary>
    public static IEnumerable<RecordBatch> ReadRange(CsvFileRange range, Schema fileSchema, CsvReadOptions options, CsvReadReport? report = null)
    {
        ArgumentNullException.ThrowIfNull(fileSchema);
        ArgumentNullException.ThrowIfNull(options);
        return ReadRange(CsvReadPlan.Create(fileSchema, options), range, report);
    }

    /// <summary>The schema of the batches <see cref="ReadRange"/> yields: the projection of <paramref name="fileSchema"/>.</summary>
    public static Schema ProjectSchema(Schema fileSchema, CsvReadOptions? options = null) =>
        fileSchema.Select(CsvReadPlan.Project(fileSchema, options?.Columns));

    private static IEnumerable<RecordBatch> ReadRange(CsvReadPlan plan, CsvFileRange range, CsvReadReport? report)
    {
        var locator = report?.LocatorFor(range.Path) ?? new CsvLineLocator(range.Path);
        using var parser = new CsvRangeParser(plan, range, locator);
        var skipped = 0L;
        while (parser.Next() is { } batch)
        {
            Account(batch.Length);
            yield return batch;
        }
        Account(0);

        void Account(long rows)
        {
            if (report is null)
                return;
            report.AddRows(rows);
            report.AddBadRows(parser.SkippedRows - skipped, parser.TakeSkipped(), fault => plan.Describe(range.Path, locator, fault));
            skipped = parser.SkippedRows;
        }
    }
}
