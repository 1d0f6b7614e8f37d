using System.Globalization;
using DuckDB.NET.Data;
using FramesNet.Columns;

namespace FramesNet.Tests.Formats.Parquet;

/// <summary>A temporary folder for Parquet files, DuckDB (the independent engine) to write and read them, and value canonicalisation.</summary>
internal sealed class ParquetTestFiles : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("frames-parquet-").FullName;

    public string PathOf(string name) => System.IO.Path.Combine(Folder, name);

    /// <summary>Runs <paramref name="sql"/> in a fresh in-memory DuckDB.</summary>
    public static void DuckDb(params string[] sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        foreach (var statement in sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The rows of a DuckDB query, each value canonicalised by <see cref="Canonical"/>.</summary>
    public static List<string?[]> DuckDbRows(string setup, string query)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        if (setup.Length > 0)
        {
            using var prepare = connection.CreateCommand();
            prepare.CommandText = setup;
            prepare.ExecuteNonQuery();
        }
        using var command = connection.CreateCommand();
        command.CommandText = query;
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : Canonical(reader.GetValue(i));
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The rows of a Frames table in the same canonical form.</summary>
    public static List<string?[]> FramesRows(Table table) =>
        table.Select(row => Enumerable.Range(0, table.Schema.Count).Select(i => row[i] is { } v ? Canonical(v) : null).ToArray()).ToList();

    /// <summary>Integers as their decimal digits, floats round-trip exact, bytes as hex, decimals as float64.</summary>
    public static string Canonical(object value) => value switch
    {
        bool b => b ? "true" : "false",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => ((double)m).ToString("R", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        Stream stream => Convert.ToHexString(ReadAll(stream)),
        string s => s,
        System.Numerics.BigInteger big => big.ToString(CultureInfo.InvariantCulture),
        IConvertible c when c.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.UInt64 => Convert.ToDecimal(c, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"no canonical form for a {value.GetType().Name} ({value})"),
    };

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
