using FramesNet.Columns;
using FramesNet.Expressions;
using Google.Protobuf;
using Proto = FramesNet.Rpc.Protocol;

namespace FramesNet.Cluster;

/// <summary>Expression trees to and from the protocol, node for node.</summary>
public static class ExprCodec
{
    public static Proto.ExprSpec ToProto(Expr expr) => expr switch
    {
        ColumnExpr c => new Proto.ExprSpec { Column = c.Name },
        LiteralExpr l => new Proto.ExprSpec { Literal = Literal(l) },
        BinaryExpr b => new Proto.ExprSpec { Binary = new Proto.BinarySpec { Op = b.Op.ToString(), Left = ToProto(b.Left), Right = ToProto(b.Right) } },
        UnaryExpr u => new Proto.ExprSpec { Unary = new Proto.UnarySpec { Op = u.Op.ToString(), Input = ToProto(u.Input) } },
        CastExpr c => new Proto.ExprSpec { Cast = new Proto.CastSpec { Input = ToProto(c.Input), Type = c.Type.ToString(), OrNull = c.OrNull } },
        FunctionExpr f => new Proto.ExprSpec { Function = Function(f) },
        InExpr i => new Proto.ExprSpec { In = In(i) },
        CaseExpr c => new Proto.ExprSpec { Case = Case(c) },
        AliasExpr a => new Proto.ExprSpec { Alias = new Proto.AliasSpec { Input = ToProto(a.Input), Name = a.Name } },
        _ => throw new CodecException($"no protocol form for {expr.GetType().Name} '{expr}'"),
    };

    public static Expr FromProto(Proto.ExprSpec? message)
    {
        if (message is null)
            throw new CodecException("an expression is missing");
        return message.KindCase switch
        {
            Proto.ExprSpec.KindOneofCase.Column => new ColumnExpr(message.Column),
            Proto.ExprSpec.KindOneofCase.Literal => Literal(message.Literal),
            Proto.ExprSpec.KindOneofCase.Binary => new BinaryExpr(Enum<BinaryOp>(message.Binary.Op), FromProto(message.Binary.Left), FromProto(message.Binary.Right)),
            Proto.ExprSpec.KindOneofCase.Unary => new UnaryExpr(Enum<UnaryOp>(message.Unary.Op), FromProto(message.Unary.Input)),
            Proto.ExprSpec.KindOneofCase.Cast => new CastExpr(FromProto(message.Cast.Input), SchemaCodec.ParseType(message.Cast.Type, "cast"), message.Cast.OrNull),
            Proto.ExprSpec.KindOneofCase.Function => new FunctionExpr(Enum<FunctionName>(message.Function.Name), message.Function.Arguments.Select(FromProto).ToArray()),
            Proto.ExprSpec.KindOneofCase.In => new InExpr(FromProto(message.In.Input), message.In.Values.Select(Literal).ToArray()),
            Proto.ExprSpec.KindOneofCase.Case => new CaseExpr(
                message.Case.Conditions.Zip(message.Case.Values, (c, v) => (FromProto(c), FromProto(v))).ToArray(), FromProto(message.Case.Otherwise)),
            Proto.ExprSpec.KindOneofCase.Alias => new AliasExpr(FromProto(message.Alias.Input), message.Alias.Name),
            _ => throw new CodecException("an expression of no known kind"),
        };
    }

    private static Proto.FunctionSpec Function(FunctionExpr f)
    {
        var message = new Proto.FunctionSpec { Name = f.Name.ToString() };
        message.Arguments.AddRange(f.Arguments.Select(ToProto));
        return message;
    }

    private static Proto.InSpec In(InExpr i)
    {
        var message = new Proto.InSpec { Input = ToProto(i.Input) };
        message.Values.AddRange(i.Values.Select(Literal));
        return message;
    }

    private static Proto.CaseSpec Case(CaseExpr c)
    {
        var message = new Proto.CaseSpec { Otherwise = ToProto(c.Otherwise) };
        for (var k = 0; k < c.BranchCount; k++)
        {
            message.Conditions.Add(ToProto(c.Condition(k)));
            message.Values.Add(ToProto(c.Value(k)));
        }
        return message;
    }

    internal static Proto.LiteralSpec Literal(LiteralExpr literal)
    {
        var message = new Proto.LiteralSpec { Type = literal.Type.ToString() };
        switch (literal.Value)
        {
            case null: message.IsNull = true; break;
            case bool b: message.BoolValue = b; break;
            case long l: message.IntValue = l; break;
            case int i: message.IntValue = i; break;
            case ulong u: message.UintValue = u; break;
            case double d: message.DoubleValue = d; break;
            case string s: message.StringValue = s; break;
            case byte[] bytes: message.BytesValue = ByteString.CopyFrom(bytes); break;
            default: throw new CodecException($"no protocol form for a {literal.Value.GetType().Name} literal");
        }
        return message;
    }

    internal static LiteralExpr Literal(Proto.LiteralSpec message)
    {
        var type = SchemaCodec.ParseType(message.Type, "literal");
        object? value = message.ValueCase switch
        {
            Proto.LiteralSpec.ValueOneofCase.IsNull or Proto.LiteralSpec.ValueOneofCase.None => null,
            Proto.LiteralSpec.ValueOneofCase.BoolValue => message.BoolValue,
            Proto.LiteralSpec.ValueOneofCase.IntValue => type.Id == TypeId.Date32 ? (object)checked((int)message.IntValue) : message.IntValue,
            Proto.LiteralSpec.ValueOneofCase.UintValue => message.UintValue,
            Proto.LiteralSpec.ValueOneofCase.DoubleValue => message.DoubleValue,
            Proto.LiteralSpec.ValueOneofCase.StringValue => message.StringValue,
            _ => message.BytesValue.ToByteArray(),
        };
        return new LiteralExpr(value, type);
    }

    internal static T Enum<T>(string name) where T : struct, Enum =>
        System.Enum.TryParse<T>(name, out var value) ? value : throw new CodecException($"unknown {typeof(T).Name} '{name}'");
}
