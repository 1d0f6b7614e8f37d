namespace FramesNet;

/// <summary>A .NET type's name as it is written in C#: <c>int?</c>, <c>List&lt;string&gt;</c>, <c>(int, string)</c>, <c>Outer.Inner</c>, not <c>Nullable`1</c>.</summary>
internal static class CSharpTypeName
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(char)] = "char",
        [typeof(short)] = "short", [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint",
        [typeof(long)] = "long", [typeof(ulong)] = "ulong", [typeof(float)] = "float", [typeof(double)] = "double",
        [typeof(decimal)] = "decimal", [typeof(string)] = "string", [typeof(object)] = "object", [typeof(nint)] = "nint",
        [typeof(nuint)] = "nuint", [typeof(void)] = "void",
    };

    public static string Of(Type type) => Of(type, type.IsGenericType ? type.GetGenericArguments() : [], 0).Name;

    private static (string Name, int Used) Of(Type type, Type[] arguments, int from)
    {
        if (Keywords.TryGetValue(type, out var keyword))
            return (keyword, 0);
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return (Of(underlying) + "?", 0);
        if (type.IsArray)
            return ($"{Of(type.GetElementType()!)}[{new string(',', type.GetArrayRank() - 1)}]", 0);
        if (type.IsByRef || type.IsPointer)
            return (Of(type.GetElementType()!) + (type.IsPointer ? "*" : ""), 0);
        if (type.IsGenericParameter)
            return (type.Name, 0);
        if (type.IsGenericType && type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true)
            return ($"({string.Join(", ", type.GetGenericArguments().Select(Of))})", 0);

        // A nested type's generic arguments are listed on it for its declaring types too: hand each its share.
        var prefix = "";
        var used = from;
        if (type.IsNested && type.DeclaringType is { } declaring)
        {
            var outer = Of(declaring, arguments, from);
            prefix = outer.Name + ".";
            used = from + outer.Used;
        }
        var name = type.Name;
        var tick = name.IndexOf('`');
        if (tick < 0)
            return (prefix + name, used - from);
        var count = int.Parse(name.AsSpan(tick + 1), System.Globalization.CultureInfo.InvariantCulture);
        var own = arguments.Skip(used).Take(count).Select(a => Of(a));
        return ($"{prefix}{name[..tick]}<{string.Join(", ", own)}>", used - from + count);
    }
}
