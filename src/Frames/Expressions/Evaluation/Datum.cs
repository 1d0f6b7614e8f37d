using FramesNet.Columns;
using FramesNet.Expressions.Binding;

namespace FramesNet.Expressions.Evaluation;

/// <summary>An intermediate value: a column of the batch's length, or one constant standing for every row.</summary>
internal readonly struct Datum
{
    private Datum(Column? column, BoundLiteral? scalar)
    {
        Column = column;
        Scalar = scalar;
    }

    public Column? Column { get; }

    public BoundLiteral? Scalar { get; }

    public bool IsScalar => Scalar is not null;

    public static implicit operator Datum(Column column) => new(column, null);

    public static Datum Constant(BoundLiteral literal) => new(null, literal);

    public Column ToColumn(int length) => Column ?? ConstantColumn.Create(Scalar!.Value, Scalar.Type, length);
}
