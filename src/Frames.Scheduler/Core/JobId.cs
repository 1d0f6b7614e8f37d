using System.Globalization;

namespace FramesNet.Scheduler.Core;

/// <summary>A job's id, <c>j-1</c>, <c>j-2</c>…: numbered by the scheduler in submission order.</summary>
internal readonly record struct JobId(int Value)
{
    private const string Prefix = "j-";

    /// <summary>Texts of the first ids, made once: every task message and result location carries one.</summary>
    private static readonly string?[] Texts = new string?[4096];

    public override string ToString()
    {
        if ((uint)Value >= (uint)Texts.Length)
            return Prefix + Value.ToString(CultureInfo.InvariantCulture);
        return Texts[Value] ??= Prefix + Value.ToString(CultureInfo.InvariantCulture);
    }

    public static bool TryParse(string? text, out JobId id)
    {
        id = default;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal)
            || !int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            return false;
        id = new JobId(value);
        return true;
    }
}
