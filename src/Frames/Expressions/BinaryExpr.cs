namespace FramesNet.Expressions;

public enum BinaryOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
}

/// <summary>Arithmetic, comparison or boolean logic of two operands.</summary>
public sealed class BinaryExpr(BinaryOp op, Expr left, Expr right) : Expr
{
    public BinaryOp Op { get; } = op;
    public Expr Left { get; } = left ?? throw new ArgumentNullException(nameof(left));
    public Expr Right { get; } = right ?? throw new ArgumentNullException(nameof(right));

    public bool IsComparison => Op is >= BinaryOp.Equal and <= BinaryOp.GreaterOrEqual;
    public bool IsArithmetic => Op <= BinaryOp.Modulo;
    public bool IsLogical => Op is BinaryOp.And or BinaryOp.Or;

    public override IReadOnlyList<Expr> Children => [Left, Right];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new BinaryExpr(Op, children[0], children[1]);

    public override bool Equals(Expr? other) => other is BinaryExpr b && b.Op == Op && ChildrenEqual(this, b);

    public override int GetHashCode() => ChildrenHash(this, 100 + (int)Op);

    public override string ToString() => $"{Operand(Left)} {Symbol(Op)} {Operand(Right)}";

    public static string Symbol(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Subtract => "-",
        BinaryOp.Multiply => "*",
        BinaryOp.Divide => "/",
        BinaryOp.Modulo => "%",
        BinaryOp.Equal => "=",
        BinaryOp.NotEqual => "!=",
        BinaryOp.Less => "<",
        BinaryOp.LessOrEqual => "<=",
        BinaryOp.Greater => ">",
        BinaryOp.GreaterOrEqual => ">=",
        BinaryOp.And => "AND",
        _ => "OR",
    };
}
