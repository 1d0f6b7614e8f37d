namespace FramesNet.Columns;

/// <summary>The untyped face of every column builder, for code that handles any type (row sources, tests).</summary>
public interface IColumnBuilder
{
    DataType Type { get; }

    int Length { get; }

    void AppendNull();

    /// <summary>Appends a boxed value (slow path): a number, bool, string, byte[], DateOnly, DateTime or DateTimeOffset.</summary>
    void AppendObject(object? value);

    /// <summary>Appends value <paramref name="index"/> of <paramref name="source"/>, which has this builder's type.</summary>
    void AppendFrom(Column source, int index);

    Column Build();
}
