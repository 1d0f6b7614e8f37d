using System.Globalization;
using FramesNet.Columns;

namespace FramesNet.Formats.Parquet;

/// <summary>
/// Columns named by <c>key=value</c> folders in files' paths (Hive-style partitioning): the same keys, in the same
/// order, in every file's path; int64 when every value is an integer, else utf8; <c>__HIVE_DEFAULT_PARTITION__</c> is null.
/// </summary>
internal sealed class HivePartitions
{
    private const string NullValue = "__HIVE_DEFAULT_PARTITION__";

    private HivePartitions(IReadOnlyList<Field> fields, IReadOnlyList<string?[]> values)
    {
        Fields = fields;
        Values = values;
    }

    public static HivePartitions None(int files) => new([], Enumerable.Range(0, files).Select(_ => Array.Empty<string?>()).ToArray());

    /// <summary>The partition columns, after the files' own.</summary>
    public IReadOnlyList<Field> Fields { get; }

    /// <summary>Per file, the raw value of each partition column (null for the default partition).</summary>
    public IReadOnlyList<string?[]> Values { get; }

    public static HivePartitions Of(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
            return None(0);
        var keys = Keys(paths[0]).Select(p => p.Key).ToArray();
        var values = new List<string?[]>(paths.Count);
        foreach (var path in paths)
        {
            var pairs = Keys(path);
            if (!pairs.Select(p => p.Key).SequenceEqual(keys))
                throw new FormatException(
                    $"{path} is in partition folders ({string.Join("/", pairs.Select(p => p.Key + "=…"))}) unlike {paths[0]} ({string.Join("/", keys.Select(k => k + "=…"))}); " +
                    "every file of a Hive-partitioned glob needs the same keys in the same order");
            values.Add(pairs.Select(p => p.Value == NullValue ? null : p.Value).ToArray());
        }
        var fields = keys.Select((key, k) => new Field(key,
            values.All(v => v[k] is null || long.TryParse(v[k], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) ? DataType.Int64 : DataType.Utf8,
            values.Any(v => v[k] is null))).ToArray();
        return new HivePartitions(fields, values);
    }

    /// <summary>A value as its column's type holds it (long or string), for constant columns and pruning.</summary>
    public static object? Typed(string? value, DataType type) =>
        value is null ? null : type.Id == TypeId.Int64 ? long.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : value;

    private static List<(string Key, string Value)> Keys(string path)
    {
        var pairs = new List<(string, string)>();
        var folder = Path.GetDirectoryName(path);
        var segments = folder?.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries) ?? [];
        foreach (var segment in segments)
        {
            var eq = segment.IndexOf('=');
            if (eq > 0 && eq < segment.Length - 1)
                pairs.Add((Uri.UnescapeDataString(segment[..eq]), Uri.UnescapeDataString(segment[(eq + 1)..])));
        }
        return pairs;
    }
}
