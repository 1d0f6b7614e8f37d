using FramesNet.Columns;

namespace FramesNet.Expressions;

// C# operators build expressions; == and != build comparisons (use `is null` to test an Expr reference).
#pragma warning disable CS0660, CS0661 // Equals/GetHashCode are overridden in Expr.cs
public abstract partial class Expr
{
    public static Expr operator +(Expr a, Expr b) => new BinaryExpr(BinaryOp.Add, a, b);
    public static Expr operator -(Expr a, Expr b) => new BinaryExpr(BinaryOp.Subtract, a, b);
    public static Expr operator *(Expr a, Expr b) => new BinaryExpr(BinaryOp.Multiply, a, b);
    public static Expr operator /(Expr a, Expr b) => new BinaryExpr(BinaryOp.Divide, a, b);
    public static Expr operator %(Expr a, Expr b) => new BinaryExpr(BinaryOp.Modulo, a, b);
    public static Expr operator -(Expr a) => new UnaryExpr(UnaryOp.Negate, a);

    public static Expr operator ==(Expr a, Expr b) => new BinaryExpr(BinaryOp.Equal, a, b);
    public static Expr operator !=(Expr a, Expr b) => new BinaryExpr(BinaryOp.NotEqual, a, b);
    public static Expr operator <(Expr a, Expr b) => new BinaryExpr(BinaryOp.Less, a, b);
    public static Expr operator <=(Expr a, Expr b) => new BinaryExpr(BinaryOp.LessOrEqual, a, b);
    public static Expr operator >(Expr a, Expr b) => new BinaryExpr(BinaryOp.Greater, a, b);
    public static Expr operator >=(Expr a, Expr b) => new BinaryExpr(BinaryOp.GreaterOrEqual, a, b);

    public static Expr operator &(Expr a, Expr b) => new BinaryExpr(BinaryOp.And, a, b);
    public static Expr operator |(Expr a, Expr b) => new BinaryExpr(BinaryOp.Or, a, b);
    public static Expr operator !(Expr a) => new UnaryExpr(UnaryOp.Not, a);

    public static implicit operator Expr(long value) => new LiteralExpr(value, DataType.Int64);
    public static implicit operator Expr(int value) => new LiteralExpr((long)value, DataType.Int64);
    public static implicit operator Expr(double value) => new LiteralExpr(value, DataType.Float64);
    public static implicit operator Expr(bool value) => new LiteralExpr(value, DataType.Bool);
    public static implicit operator Expr(string value) => new LiteralExpr(value, DataType.Utf8);
    public static implicit operator Expr(DateOnly value) => LiteralExpr.Of(value);
    public static implicit operator Expr(DateTime value) => LiteralExpr.Of(value);
}
#pragma warning restore CS0660, CS0661
