namespace FramesNet.Columns;

/// <summary>A named, typed column slot in a <see cref="Schema"/>, with optional key/value metadata.</summary>
public sealed class Field : IEquatable<Field>
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    public Field(string name, DataType type, bool nullable = true, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        Name = name;
        Type = type;
        Nullable = nullable;
        Metadata = metadata is { Count: > 0 } ? metadata : NoMetadata;
    }

    public string Name { get; }
    public DataType Type { get; }
    public bool Nullable { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public Field WithName(string name) => new(name, Type, Nullable, Metadata);
    public Field WithType(DataType type) => new(Name, type, Nullable, Metadata);
    public Field WithNullable(bool nullable) => new(Name, Type, nullable, Metadata);

    public bool Equals(Field? other) =>
        other is not null && Name == other.Name && Type == other.Type && Nullable == other.Nullable &&
        MetadataEquals(Metadata, other.Metadata);

    public override bool Equals(object? obj) => Equals(obj as Field);
    public override int GetHashCode() => HashCode.Combine(Name, Type, Nullable);
    public override string ToString() => $"{Name}: {Type}{(Nullable ? "" : " not null")}";

    internal static bool MetadataEquals(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (a.Count != b.Count)
            return false;
        foreach (var (key, value) in a)
            if (!b.TryGetValue(key, out var other) || other != value)
                return false;
        return true;
    }
}
