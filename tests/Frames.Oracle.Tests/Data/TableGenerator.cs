using FramesNet.Columns;

namespace FramesNet.Oracle.Tests.Data;

/// <summary>
/// Random tables for the oracle. Column names come from one pool shared by all tables, so joins find keys
/// with the same name (and clashing non-key names get suffixes); each name has a type family, and the
/// width within the family is drawn per table (an int8 key meets a uint32 key). Keys are skewed (one hot
/// value), every column has nulls, some files are empty, strings include CSV specials and non-ASCII.
/// </summary>
internal static class TableGenerator
{
    private enum Family { Key, Int, Float, Float32, Text, KeyText, Bool, Date, KeyDate, Timestamp, Sparse }

    private static readonly (string Name, Family Family)[] Pool =
    [
        ("k", Family.Key), ("k2", Family.KeyText), ("kd", Family.KeyDate), ("x", Family.Int), ("y", Family.Float),
        ("f", Family.Float32), ("s", Family.Text), ("b", Family.Bool), ("d", Family.Date), ("ts", Family.Timestamp), ("n", Family.Sparse),
    ];

    private static readonly DataType[] KeyTypes =
    [
        DataType.Int8, DataType.Int16, DataType.Int32, DataType.Int64, DataType.Int64, DataType.Int64,
        DataType.UInt8, DataType.UInt16, DataType.UInt32, DataType.UInt64,
    ];

    /// <summary>Strings that are plain words, CSV specials, non-ASCII whose case maps the same in .NET and DuckDB, and numbers as text.</summary>
    internal static readonly string[] Words =
    [
        "a", "b", "abc", "Abc", "ABC", "hello world", "x,y", "quo\"te", "new\nline", "", " pad ", "é", "Ωmega", "naïve", "zz",
        "12", "-3", " 7", "1.5", "tRuE", "apple", "banana", "cherry", "A", "Zebra",
    ];

    private static readonly string[] KeyWords = ["red", "green", "blue", "Red", "é", "", "gold"];

    public static OracleTable Generate(Random random, string name, bool allowArrow, bool allowInference)
    {
        var count = random.Next(2, 6);
        var chosen = Pool.Skip(1).OrderBy(_ => random.Next()).Take(count).Prepend(Pool[0]).ToList();
        var partCount = random.Next(1, 5);
        var parts = new List<TablePart>();
        var rows = 0;
        for (var p = 0; p < partCount; p++)
        {
            var size = random.Next(10) switch
            {
                0 or 1 => 0,
                2 => random.Next(60, 300),
                _ => random.Next(1, 30),
            };
            parts.Add(new TablePart(rows, size, random.Next(1, Math.Max(2, size + 1)), random.Next(3) == 0, (EmptyPartStyle)random.Next(3)));
            rows += size;
        }
        var format = allowArrow && random.Next(2) == 0 ? TableFormat.Arrow : TableFormat.Csv;
        var columns = chosen.Select(c => Column(random, c.Name, c.Family, rows, format == TableFormat.Arrow)).ToList();
        var table = new OracleTable(name, columns, parts, format);
        if (format == TableFormat.Csv && allowInference && random.Next(3) == 0 && CsvInference.IsUnambiguous(table))
            table = table with { Format = TableFormat.CsvInferred };
        return table;
    }

    private static OracleColumn Column(Random random, string name, Family family, int rows, bool arrow)
    {
        var nullRate = family == Family.Sparse ? 0.9 : random.Next(4) switch { 0 => 0.0, 1 => 0.05, 2 => 0.2, _ => 0.5 };
        var type = family switch
        {
            Family.Key => KeyTypes[random.Next(KeyTypes.Length)],
            Family.Int => random.Next(3) == 0 ? DataType.Int32 : DataType.Int64,
            Family.Float => DataType.Float64,
            Family.Float32 => random.Next(2) == 0 ? DataType.Float32 : DataType.Float64,
            Family.Text or Family.KeyText => DataType.Utf8,
            Family.Bool => DataType.Bool,
            Family.Date or Family.KeyDate => DataType.Date32,
            Family.Timestamp => DataType.Timestamp(TimeUnit.Microsecond),
            _ => random.Next(2) == 0 ? DataType.Int16 : DataType.Int32,
        };
        var hot = random.Next(-2, 6);
        var values = new object?[rows];
        for (var r = 0; r < rows; r++)
        {
            if (random.NextDouble() < nullRate)
                continue;
            values[r] = family switch
            {
                Family.Key => (object)(long)(type.IsUnsignedInteger
                    ? (random.Next(3) == 0 ? Math.Abs(hot) : random.Next(0, 12))
                    : (random.Next(3) == 0 ? hot : random.Next(-3, 10))),
                Family.Int => (long)(random.Next(4) == 0 ? random.Next(-3, 4) : random.Next(-1000, 1001)),
                Family.Sparse => (long)random.Next(-50, 50),
                Family.Float => random.Next(8) == 0 ? (double)random.Next(-3, 4) : Math.Round(random.NextDouble() * 200 - 100, 2),
                Family.Float32 => random.Next(-400, 400) / 4.0,
                Family.Text => Words[random.Next(Words.Length)],
                Family.KeyText => KeyWords[random.Next(3) == 0 ? 0 : random.Next(KeyWords.Length)],
                Family.Bool => random.Next(2) == 0,
                Family.Date => random.Next(-400, 900) + 18_000,
                Family.KeyDate => 19_000 + (random.Next(3) == 0 ? 0 : random.Next(0, 6)),
                _ => (random.Next(-400, 900) + 18_000) * 86_400_000_000L + random.NextInt64(0, 86_400_000_000L),
            };
            if (values[r] is int days && type.Id != TypeId.Date32)
                values[r] = (long)days;
        }
        var dictionary = arrow && type.IsString && random.Next(2) == 0;
        return new OracleColumn(name, type, values, dictionary);
    }
}
