namespace FramesNet.Columns;

/// <summary>
/// Logical types against encodings (docs/engine.md, "Encodings"): a plan's schemas give each column's logical type
/// (<c>utf8</c>); a batch's schema gives how its columns are stored (<c>utf8</c>, or <c>dictionary&lt;int32, utf8&gt;</c>).
/// </summary>
public sealed partial class Schema
{
    /// <summary>This schema with every field's logical type (dictionaries as their value type); itself when it has no dictionary.</summary>
    public Schema Logical()
    {
        if (!_fields.Any(f => f.Type.Id == TypeId.Dictionary))
            return this;
        return new Schema(_fields.Select(f => f.Type.Id == TypeId.Dictionary ? f.WithType(f.Type.Logical) : f), Metadata);
    }

    /// <summary>The same column names with the same logical types, however each side stores them (nullability and metadata aside).</summary>
    public bool HasSameColumnsAs(Schema other)
    {
        if (ReferenceEquals(this, other))
            return true;
        if (other.Count != Count)
            return false;
        for (var i = 0; i < _fields.Length; i++)
            if (_fields[i].Name != other._fields[i].Name || _fields[i].Type.Logical != other._fields[i].Type.Logical)
                return false;
        return true;
    }
}
