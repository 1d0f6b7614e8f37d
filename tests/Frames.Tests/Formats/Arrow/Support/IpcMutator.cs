using System.Buffers.Binary;

namespace FramesNet.Tests.Formats.Arrow.Support;

/// <summary>
/// Deterministic mutations of a well-formed IPC file, aimed at its structure: random bytes anywhere,
/// truncation inside every kind of region, length fields and flatbuffer integers set to huge, negative
/// or just-too-large values, flatbuffer offsets pointing outside, ranges zeroed, messages repeated.
/// </summary>
internal static class IpcMutator
{
    public const int KindCount = 9;

    /// <summary>A mutated copy of <paramref name="original"/> and a description to reproduce it.</summary>
    public static (byte[] Bytes, string Description) Mutate(byte[] original, List<Region> layout, Random random)
    {
        var bytes = (byte[])original.Clone();
        var kind = random.Next(KindCount);
        switch (kind)
        {
            case 0:
            {
                var count = random.Next(1, 9);
                var positions = new List<int>();
                for (var i = 0; i < count; i++)
                {
                    var at = random.Next(bytes.Length);
                    bytes[at] = (byte)random.Next(256);
                    positions.Add(at);
                }
                return (bytes, $"random bytes at {string.Join(", ", positions)}");
            }
            case 1:
            {
                var region = Pick(layout, random);
                var cut = region.Start + random.Next(region.Length + 1);
                return (bytes[..Math.Min(cut, bytes.Length)], $"truncated to {cut} bytes (inside {region.Kind} {region.Start}+{region.Length})");
            }
            case 2:
            {
                var lengths = layout.Where(r => r.Kind is RegionKind.Prefix or RegionKind.Trailer).ToList();
                if (lengths.Count == 0)
                    goto case 0;
                var region = lengths[random.Next(lengths.Count)];
                var at = region.Kind == RegionKind.Prefix ? region.Start + 4 : region.Start;
                var value = ExtremeInt32(random, bytes.Length);
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), value);
                return (bytes, $"length field at {at} set to {value}");
            }
            case 3:
            {
                if (!TryPickAligned(layout, random, 4, out var at, out var region))
                    goto case 0;
                var value = ExtremeInt32(random, region.Length);
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), value);
                return (bytes, $"int32 at {at} ({region.Kind} {region.Start}+{region.Length}) set to {value}");
            }
            case 4:
            {
                if (!TryPickAligned(layout, random, 8, out var at, out var region))
                    goto case 0;
                var value = ExtremeInt64(random, bytes.Length);
                BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), value);
                return (bytes, $"int64 at {at} ({region.Kind} {region.Start}+{region.Length}) set to {value}");
            }
            case 5:
            {
                if (!TryPickAligned(layout, random, 4, out var at, out var region))
                    goto case 0;
                // A uoffset (or soffset) that lands just past the flatbuffer, far past it, or before it.
                var relative = at - region.Start;
                var value = random.Next(3) switch
                {
                    0 => region.Length - relative + random.Next(0, 8),
                    1 => int.MaxValue - random.Next(16),
                    _ => -(relative + 1 + random.Next(64)),
                };
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), value);
                return (bytes, $"flatbuffer offset at {at} ({region.Kind} {region.Start}+{region.Length}) set to {value}");
            }
            case 6:
            {
                var region = Pick(layout, random);
                if (region.Length == 0)
                    goto case 0;
                var start = region.Start + random.Next(region.Length);
                var length = random.Next(1, Math.Min(32, region.End - start) + 1);
                bytes.AsSpan(start, length).Fill(random.Next(2) == 0 ? (byte)0 : (byte)0xFF);
                return (bytes, $"bytes {start}+{length} ({region.Kind}) filled");
            }
            case 7:
            {
                var messages = Messages(layout);
                if (messages.Count == 0)
                    goto case 0;
                var (start, length) = messages[random.Next(messages.Count)];
                var repeated = new byte[bytes.Length + length];
                bytes.AsSpan(0, start + length).CopyTo(repeated);
                bytes.AsSpan(start, length).CopyTo(repeated.AsSpan(start + length));
                bytes.AsSpan(start + length).CopyTo(repeated.AsSpan(start + 2 * length));
                return (repeated, $"message {start}+{length} repeated");
            }
            default:
            {
                var bodies = layout.Where(r => r.Kind == RegionKind.Body && r.Length > 0).ToList();
                if (bodies.Count == 0)
                    goto case 0;
                var body = bodies[random.Next(bodies.Count)];
                var at = body.Start + random.Next(body.Length);
                bytes[at] = (byte)random.Next(256);
                return (bytes, $"body byte at {at} (body {body.Start}+{body.Length}) set to {bytes[at]}");
            }
        }
    }

    private static Region Pick(List<Region> layout, Random random) => layout[random.Next(layout.Count)];

    private static bool TryPickAligned(List<Region> layout, Random random, int width, out int at, out Region region)
    {
        var candidates = layout.Where(r => r.Kind is RegionKind.Metadata or RegionKind.Footer && r.Length >= width).ToList();
        at = 0;
        region = default;
        if (candidates.Count == 0)
            return false;
        region = candidates[random.Next(candidates.Count)];
        at = region.Start + random.Next((region.Length - width) / width + 1) * width;
        return true;
    }

    private static List<(int Start, int Length)> Messages(List<Region> layout)
    {
        var messages = new List<(int, int)>();
        for (var i = 0; i + 2 < layout.Count; i++)
            if (layout[i].Kind == RegionKind.Prefix)
                messages.Add((layout[i].Start, layout[i + 2].End - layout[i].Start));
        return messages;
    }

    private static int ExtremeInt32(Random random, int scale) => random.Next(9) switch
    {
        0 => int.MaxValue,
        1 => int.MinValue,
        2 => -1,
        3 => -8,
        4 => 0,
        5 => scale + 8,
        6 => 1 << 30,
        7 => random.Next(1, 64),
        _ => random.Next(int.MinValue, int.MaxValue),
    };

    private static long ExtremeInt64(Random random, int scale) => random.Next(8) switch
    {
        0 => long.MaxValue,
        1 => long.MinValue,
        2 => -1,
        3 => int.MaxValue + 1L,
        4 => scale + 8L,
        5 => 1L << 40,
        6 => random.Next(0, 1024),
        _ => random.NextInt64(long.MinValue, long.MaxValue),
    };
}
