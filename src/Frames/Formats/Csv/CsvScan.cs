using System.Runtime.ExceptionServices;
using FramesNet.Columns;

namespace FramesNet.Formats.Csv;

/// <summary>
/// A read of one or more CSV files, opened by <see cref="CsvReader.Open(IReadOnlyList{string}, CsvReadOptions?)"/>:
/// the schema is known; <see cref="ReadBatches"/> parses byte ranges in parallel and yields their batches in file
/// order; <see cref="Report"/> tells what was read and skipped.
/// </summary>
/// <remarks>
/// Big files are cut at guessed row starts (after a line feed) and every range is parsed at once; a range's guessed
/// start is accepted only if the range before it, parsed from a known start, really ended there. A wrong guess (a
/// line feed inside a quoted field) costs re-parsing that range, never a wrong row. At most twice
/// <see cref="CsvReadOptions.Parallelism"/> ranges are parsed ahead of the consumer, which bounds memory.
/// </remarks>
public sealed class CsvScan
{
    private readonly CsvReadPlan _plan;

    internal CsvScan(IReadOnlyList<string> paths, CsvReadPlan plan)
    {
        Paths = paths.ToArray();
        _plan = plan;
    }

    public IReadOnlyList<string> Paths { get; }

    /// <summary>The schema of the batches (projected and ordered as <see cref="CsvReadOptions.Columns"/> asks).</summary>
    public Schema Schema => _plan.OutputSchema;

    /// <summary>All the columns of the files.</summary>
    public Schema FileSchema => _plan.FileSchema;

    public CsvReadOptions Options => _plan.Options;

    /// <summary>How the schema was inferred (rows sampled, what each column held); null when the options gave it.</summary>
    public CsvInferredSchema? Inference { get; internal init; }

    /// <summary>Rows read and skipped so far, with where the skipped ones are.</summary>
    public CsvReadReport Report { get; } = new();

    /// <summary>
    /// The files' rows as batches, in file and row order. The caller owns each batch (dispose it to recycle its
    /// buffers). Bad input throws <see cref="CsvFormatException"/> unless <see cref="CsvReadOptions.SkipBadRows"/>.
    /// </summary>
    public IEnumerable<RecordBatch> ReadBatches(CancellationToken cancellationToken = default)
    {
        var parallelism = _plan.Options.Parallelism;
        using var pipeline = new CsvRangePipeline<CsvFileRange, RangeResult>(Ranges().GetEnumerator(),
            (range, token) => Parse(range, speculative: !range.IsFirst, token), parallelism, 2 * parallelism, cancellationToken);
        var expectedStart = 0L;
        while (pipeline.TryTakeNext(out var next, out var result))
        {
            if (!next.IsFirst && (next.Start != expectedStart || result.Misaligned))
            {
                // The guessed start was not a row start: parse the range again from where its rows really begin.
                result.Dispose();
                result = expectedStart >= next.End
                    ? new RangeResult { ActualEnd = expectedStart }
                    : Parse(next with { Start = expectedStart }, speculative: false, cancellationToken);
            }
            using (result)
            {
                result.Error?.Throw();
                var locator = Report.LocatorFor(next.Path);
                Report.AddBadRows(result.SkippedRows, result.Skipped, fault => _plan.Describe(next.Path, locator, fault));
                expectedStart = result.ActualEnd;
                while (result.Batches.TryDequeue(out var batch))
                {
                    Report.AddRows(batch.Length);
                    yield return batch;
                }
            }
        }
    }

    /// <summary>Every file's ranges in order, cut at guessed row starts.</summary>
    private IEnumerable<CsvFileRange> Ranges()
    {
        foreach (var path in Paths)
        {
            List<CsvFileRange> ranges;
            using (var handle = CsvFiles.Open(path))
            {
                var length = RandomAccess.GetLength(handle);
                var header = CsvHeader.Read(handle, path, _plan.Options);
                ranges = CsvRangeSplitter.Guess(handle, path, length, header.DataStart, _plan.Options.RangeBytes);
            }
            foreach (var range in ranges)
                yield return range;
        }
    }

    private RangeResult Parse(CsvFileRange range, bool speculative, CancellationToken cancellationToken)
    {
        var result = new RangeResult();
        using var parser = new CsvRangeParser(_plan, range, Report.LocatorFor(range.Path), speculative);
        try
        {
            while (parser.Next() is { } batch)
            {
                result.Batches.Enqueue(batch);
                cancellationToken.ThrowIfCancellationRequested();
            }
            result.ActualEnd = parser.ActualEnd;
        }
        catch (CsvMisalignedRangeException)
        {
            result.Misaligned = true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Kept, not thrown: whether it counts depends on the ranges before this one (see ReadBatches).
            result.Error = ExceptionDispatchInfo.Capture(e);
        }
        result.SkippedRows = parser.SkippedRows;
        result.Skipped = parser.TakeSkipped();
        return result;
    }

    private sealed class RangeResult : IDisposable
    {
        public Queue<RecordBatch> Batches { get; } = new();
        public long ActualEnd { get; set; }
        public bool Misaligned { get; set; }
        public ExceptionDispatchInfo? Error { get; set; }
        public long SkippedRows { get; set; }
        public List<CsvFault> Skipped { get; set; } = [];

        public void Dispose()
        {
            while (Batches.TryDequeue(out var batch))
                batch.Dispose();
        }
    }
}
