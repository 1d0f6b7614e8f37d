using System.Collections.Concurrent;

namespace FramesNet.Formats.Csv;

/// <summary>
/// What a read did: rows delivered, rows skipped by <see cref="CsvReadOptions.SkipBadRows"/> and where the first
/// <see cref="MaxErrors"/> of them are. Safe to share between range readers running in parallel.
/// </summary>
public sealed class CsvReadReport
{
    /// <summary>Skipped rows described in <see cref="Errors"/>; the rest are only counted.</summary>
    public const int MaxErrors = 1000;

    private readonly Lock _gate = new();
    private readonly List<CsvRowError> _errors = [];
    private readonly ConcurrentDictionary<string, CsvLineLocator> _locators = new(StringComparer.Ordinal);
    private long _rows;
    private long _badRows;

    /// <summary>Rows delivered in batches.</summary>
    public long Rows => Interlocked.Read(ref _rows);

    /// <summary>Rows skipped because they did not parse.</summary>
    public long BadRows => Interlocked.Read(ref _badRows);

    /// <summary>The first skipped rows, by file and line.</summary>
    public IReadOnlyList<CsvRowError> Errors
    {
        get
        {
            lock (_gate)
                return _errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column).ToArray();
        }
    }

    internal void AddRows(long rows) => Interlocked.Add(ref _rows, rows);

    /// <summary>Counts <paramref name="count"/> skipped rows and describes the first of <paramref name="faults"/> while there is room.</summary>
    internal void AddBadRows(long count, IReadOnlyList<CsvFault> faults, Func<CsvFault, CsvRowError> describe)
    {
        Interlocked.Add(ref _badRows, count);
        foreach (var fault in faults)
        {
            lock (_gate)
            {
                if (_errors.Count >= MaxErrors)
                    return;
            }
            var error = describe(fault);
            lock (_gate)
                if (_errors.Count < MaxErrors)
                    _errors.Add(error);
        }
    }

    /// <summary>One line counter per file, so describing many errors counts each file's lines about once.</summary>
    internal CsvLineLocator LocatorFor(string path) => _locators.GetOrAdd(path, p => new CsvLineLocator(p));

    public override string ToString()
    {
        var errors = Errors;
        var text = $"{Rows} rows read, {BadRows} bad rows skipped";
        return errors.Count == 0 ? text : text + Environment.NewLine + string.Join(Environment.NewLine, errors.Take(20));
    }
}
