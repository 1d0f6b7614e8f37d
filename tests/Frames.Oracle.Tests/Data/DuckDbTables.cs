using System.Text;
using DuckDB.NET.Data;
using FramesNet.Columns;
using FramesNet.Oracle.Tests.Plans;

namespace FramesNet.Oracle.Tests.Data;

/// <summary>
/// Loads a generated table into DuckDB from its canonical values (not from the files, so Frames' readers are
/// checked too), with one extra column <c>__rid</c>: the row's position in file order, which defines
/// first/last over a scan.
/// </summary>
internal static class DuckDbTables
{
    public const string RowId = "__rid";

    public static void Create(DuckDBConnection connection, OracleTable table)
    {
        var columns = table.Columns.Select(c => $"{Sql.Name(c.Name)} {Sql.TypeName(c.Type)}").Append($"{RowId} BIGINT");
        Execute(connection, $"CREATE OR REPLACE TABLE {Sql.Name(table.Name)} ({string.Join(", ", columns)})");
        for (var start = 0; start < table.RowCount; start += 500)
        {
            var insert = new StringBuilder($"INSERT INTO {Sql.Name(table.Name)} VALUES ");
            for (var r = start; r < Math.Min(table.RowCount, start + 500); r++)
            {
                if (r > start)
                    insert.Append(", ");
                insert.Append('(').AppendJoin(", ", table.Columns.Select(c => Sql.Literal(c.Values[r], c.Type))).Append($", {r})");
            }
            Execute(connection, insert.ToString());
        }
    }

    public static void Drop(DuckDBConnection connection, OracleTable table) =>
        Execute(connection, $"DROP TABLE IF EXISTS {Sql.Name(table.Name)}");

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
