using DuckDB.NET.Data;
using FramesNet.Columns;
using FramesNet.Oracle.Tests.Data;
using FramesNet.Oracle.Tests.Plans;

namespace FramesNet.Oracle.Tests.Checking;

/// <summary>
/// Runs one case: writes the tables' files, loads the same values into DuckDB, builds the plan in Frames on
/// the target and as SQL, compares the schema and the rows (<see cref="ResultCheck"/>), then writes the
/// result with <c>WriteArrow</c> and <c>WriteCsv</c>, reads it back and compares again.
/// </summary>
internal sealed class CaseRunner(IFramesTarget target, DuckDBConnection duck, string workFolder)
{
    /// <summary>Plans whose joins or result DuckDB counts above this many rows are skipped (skewed keys multiply quickly).</summary>
    public const long MaxRows = 20_000;

    private static readonly TimeSpan SafetyNet = TimeSpan.FromMinutes(2);

    private int _runs;

    public CaseOutcome Run(OracleCase c)
    {
        if (PlanRules.Violation(c.Plan, c.Tables) is { } rule)
            return CaseOutcome.Skip($"invalid plan: {rule}");
        var folder = Path.Combine(workFolder, $"case-{c.Seed}-{_runs++}");
        try
        {
            foreach (var table in c.Tables)
                DuckDbTables.Create(duck, table);
            var paths = c.Tables.Select(t => TableFiles.Write(t, Path.Combine(folder, "data"))).ToList();
            return Check(c, paths, folder);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return CaseOutcome.Fail($"oracle: {e.GetType().Name}", $"the oracle itself failed (a bug in the test): {e}");
        }
        finally
        {
            foreach (var table in c.Tables)
                DuckDbTables.Drop(duck, table);
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// DuckDB refused the query: where it raises and Frames follows IEEE (var_samp over ±inf or NaN), a deliberate
    /// difference, not judged; anything else is a bug of the oracle's translation.
    /// </summary>
    private static CaseOutcome Rejected(DuckDBException e) =>
        e.Message.Contains("out of range", StringComparison.OrdinalIgnoreCase)
            ? CaseOutcome.Skip("DuckDB out of range")
            : CaseOutcome.Fail("duckdb", $"DuckDB rejected the translated plan (an oracle bug): {e.Message}");

    private CaseOutcome Check(OracleCase c, List<IReadOnlyList<string>> paths, string folder)
    {
        try
        {
            foreach (var join in c.Plan.Walk().OfType<JoinPlan>().Prepend(c.Plan))
                if (Count(SqlPlan.Translate(join, c.Tables)) > MaxRows)
                    return CaseOutcome.Skip("too many rows");
        }
        catch (DuckDBException e)
        {
            return Rejected(e);
        }

        var expected = PlanSchemas.Of(c.Plan, c.Tables);
        DataFrame frame;
        try
        {
            frame = FramesPlan.Build(c.Plan, t => target.Scan(c.Tables[t], paths[t], c.Settings));
        }
        catch (Exception e)
        {
            return CaseOutcome.Fail($"build: {e.GetType().Name}", e.ToString());
        }
        var actualFields = frame.Schema.Fields.Select(f => $"{f.Name} {f.Type.Logical}");
        var expectedFields = expected.Fields.Select(f => $"{f.Name} {f.Type.Logical}");
        if (!actualFields.SequenceEqual(expectedFields))
            return CaseOutcome.Fail("schema", $"Frames' schema ({string.Join(", ", actualFields)}) is not the documented one ({string.Join(", ", expectedFields)})");

        var (mode, sqlPlan, keys, limit) = Mode(c.Plan, expected);
        var types = expected.Fields.Select(f => f.Type.Logical).ToList();
        ResultRows duckRows;
        try
        {
            duckRows = Query(SqlPlan.Query(sqlPlan, c.Tables), types);
        }
        catch (DuckDBException e)
        {
            return Rejected(e);
        }
        var exact = expected.Fields.Select(f => f.Exact).ToList();

        string? Compare(string stage, Func<Table> run)
        {
            Table table;
            try
            {
                table = Task.Run(run).WaitAsync(SafetyNet).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                return $"{stage}: {Kind(e)}\n{e}";
            }
            var diff = ResultCheck.Compare(mode, ResultRows.FromTable(table), duckRows, exact, keys, limit);
            return diff is null ? null : $"{stage}: mismatch\n{diff}";
        }

        var resultSchema = new Schema(frame.Schema.Fields.Select(f => new Field(f.Name, f.Type.Logical)));
        var failure = Compare("collect", () => frame.Collect())
            ?? Compare("arrow round trip", () => RoundTrip(folder, "arrow", frame.WriteArrow, files => Frames.ReadArrow(files).Collect(), resultSchema))
            ?? Compare("csv round trip", () => RoundTrip(folder, "csv", frame.WriteCsv,
                files => Frames.ReadCsv(files, new Formats.Csv.CsvReadOptions { Schema = resultSchema }).Collect(), resultSchema));
        if (failure is null)
            return CaseOutcome.Pass(duckRows.Rows.Count);
        var category = failure[..failure.IndexOf('\n')];
        return CaseOutcome.Fail(category, $"{failure}\nFrames' plans:\n{Plans(frame)}");
    }

    /// <summary>Frames' logical, optimised and physical plans (the task graph left out: it is long and names temporary files).</summary>
    private static string Plans(DataFrame frame)
    {
        try
        {
            var explain = frame.Explain().ToString();
            var graph = explain.IndexOf("== Task graph ==", StringComparison.Ordinal);
            return graph < 0 ? explain : explain[..graph];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"Explain failed: {e.Message}";
        }
    }

    /// <summary>
    /// The kind of an exception for grouping failures: its type and innermost message with names, numbers and
    /// task keys blanked, so one bug met in many plans is one kind.
    /// </summary>
    private static string Kind(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
            inner = inner.InnerException;
        var message = inner.Message.Split('\n')[0];
        message = System.Text.RegularExpressions.Regex.Replace(message, "'[^']*'", "'…'");
        message = System.Text.RegularExpressions.Regex.Replace(message, "[0-9a-f]{8,}|[0-9]+", "#");
        return $"{inner.GetType().Name}: {message}";
    }

    private static Table RoundTrip(string folder, string format, Func<string, bool, CancellationToken, Table> write, Func<IReadOnlyList<string>, Table> read, Schema schema)
    {
        var output = Path.Combine(folder, format);
        write(output, false, CancellationToken.None);
        var files = Directory.GetFiles(output, $"part-*.{format}").Order(StringComparer.Ordinal).ToList();
        return files.Count == 0 ? new Table(schema, []) : read(files);
    }

    /// <summary>The comparison a plan's top calls for, the plan DuckDB runs for it, the sort key columns and the head's size.</summary>
    private static (CheckMode Mode, PlanNode Sql, IReadOnlyList<int> Keys, long Limit) Mode(PlanNode plan, OracleSchema schema)
    {
        IReadOnlyList<int> KeyIndices(SortPlan s) => s.Keys.Select(k => schema.Fields.ToList().FindIndex(f => f.Name == k.Column)).ToList();
        return plan switch
        {
            HeadPlan { Input: SortPlan s } h => (CheckMode.TopK, s, KeyIndices(s), h.Count),
            HeadPlan h => (CheckMode.Prefix, h.Input, [], h.Count),
            SortPlan s => (CheckMode.Ordered, s, KeyIndices(s), 0),
            _ => (CheckMode.Multiset, plan, [], 0),
        };
    }

    private long Count(string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM ({sql}) AS counted";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private ResultRows Query(string sql, IReadOnlyList<DataType> types)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        return ResultRows.FromReader(reader, types);
    }
}
