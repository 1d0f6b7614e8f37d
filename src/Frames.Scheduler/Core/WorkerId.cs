using System.Globalization;

namespace FramesNet.Scheduler.Core;

/// <summary>A worker's id, <c>w-1</c>, <c>w-2</c>…: given at registration (a reconnecting worker may keep its old one).</summary>
internal readonly record struct WorkerId(int Value)
{
    private const string Prefix = "w-";

    /// <summary>Texts of the first ids, made once: every task message and result location carries one.</summary>
    private static readonly string?[] Texts = new string?[4096];

    public override string ToString()
    {
        if ((uint)Value >= (uint)Texts.Length)
            return Prefix + Value.ToString(CultureInfo.InvariantCulture);
        return Texts[Value] ??= Prefix + Value.ToString(CultureInfo.InvariantCulture);
    }

    public static bool TryParse(string? text, out WorkerId id)
    {
        id = default;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal)
            || !int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            return false;
        id = new WorkerId(value);
        return true;
    }
}
