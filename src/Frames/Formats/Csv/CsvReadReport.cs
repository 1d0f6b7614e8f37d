using System.Collections.Concurrent;
using FramesNet.Display;

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

    /// <summary>Rows read, then what <see cref="DescribeSkipped"/> says: <c>299,999 rows read; skipped 1 bad row:</c> …</summary>
    public string Describe(int listed = 5) => $"{Counted.Of(Rows, "row")} read; {DescribeSkipped(listed)}";

    /// <summary>
    /// <c>skipped 1 bad row:</c> (or <c>no bad rows</c>), then the first <paramref name="listed"/> skipped rows one per
    /// line, indented (<c>  data.csv:17: field 2 'fare': expected float64, found 'x'</c>), and how many more there are.
    /// </summary>
    public string DescribeSkipped(int listed = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(listed);
        if (BadRows == 0)
            return "no bad rows";
        var text = new System.Text.StringBuilder($"skipped {Counted.Of(BadRows, "bad row")}");
        var shown = Errors.Take(listed).ToArray();
        if (shown.Length > 0)
            text.Append(':');
        foreach (var error in shown)
            text.Append(Environment.NewLine).Append("  ").Append(error);
        if (BadRows > shown.Length && shown.Length > 0)
            text.Append(Environment.NewLine).Append($"  … and {Counted.Of(BadRows - shown.Length, "more bad row")}");
        return text.ToString();
    }

    public override string ToString() => Describe();
}
