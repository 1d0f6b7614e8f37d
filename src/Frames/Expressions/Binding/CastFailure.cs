using FramesNet.Columns;

namespace FramesNet.Expressions.Binding;

/// <summary>The error for a value that a cast cannot convert: the value, its type, the target, and the input it came from.</summary>
internal static class CastFailure
{
    public static string Message(object? value, DataType from, DataType to, string source)
    {
        var text = LiteralConversion.Convert(value, from, DataType.Utf8) as string ?? value?.ToString() ?? "null";
        var shown = from.IsString ? $"'{(text.Length > 60 ? text[..60] + "…" : text)}'" : text;
        return $"cannot cast {shown} ({from}) to {to} in {source}: {Reason(value, from, to)}; TryCast gives null for values that do not convert";
    }

    public static ExpressionException Error(object? value, DataType from, DataType to, string source) => new(Message(value, from, to, source));

    private static string Reason(object? value, DataType from, DataType to)
    {
        if (from.IsString)
            return $"not {Article(to)} {to} value";
        if (value is double d && !double.IsFinite(d))
            return "not a finite number";
        return "out of range";
    }

    private static string Article(DataType type) => type.ToString()!.StartsWith('i') ? "an" : "a";
}
