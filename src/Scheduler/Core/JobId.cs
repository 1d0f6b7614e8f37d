using System.Globalization;

namespace FramesNet.Scheduler.Core;

/// <summary>A job's id, <c>j-1</c>, <c>j-2</c>…: numbered by the scheduler in submission order.</summary>
internal readonly record struct JobId(int Value)
{
    private const string Prefix = "j-";

    public override string ToString() => Prefix + Value.ToString(CultureInfo.InvariantCulture);

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
