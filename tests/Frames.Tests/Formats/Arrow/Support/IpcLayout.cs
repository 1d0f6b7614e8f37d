using System.Buffers.Binary;
using FramesNet.Formats.Arrow.Flatbuffers;
using FramesNet.Formats.Arrow.Messages;

namespace FramesNet.Tests.Formats.Arrow.Support;

/// <summary>The kinds of byte ranges an IPC file is made of, for aiming mutations.</summary>
internal enum RegionKind
{
    Magic,
    Prefix,
    Metadata,
    Body,
    EndOfStream,
    Footer,
    Trailer,
}

internal readonly record struct Region(RegionKind Kind, int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>Where the prefixes, metadata flatbuffers, bodies and footer of a well-formed IPC file lie.</summary>
internal static class IpcLayout
{
    public static List<Region> Scan(byte[] bytes)
    {
        var regions = new List<Region>();
        var isFile = bytes.AsSpan().StartsWith("ARROW1"u8);
        var position = 0;
        var end = bytes.Length;
        if (isFile)
        {
            regions.Add(new Region(RegionKind.Magic, 0, 8));
            var footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 10));
            end = bytes.Length - 10 - footerLength;
            regions.Add(new Region(RegionKind.Footer, end, footerLength));
            regions.Add(new Region(RegionKind.Trailer, bytes.Length - 10, 10));
            position = 8;
        }
        while (position + 8 <= end)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position + 4));
            if (length == 0)
            {
                regions.Add(new Region(RegionKind.EndOfStream, position, 8));
                break;
            }
            regions.Add(new Region(RegionKind.Prefix, position, 8));
            regions.Add(new Region(RegionKind.Metadata, position + 8, length));
            var reader = new FlatBufferReader(bytes.AsMemory(position + 8, length), position + 8, null);
            var bodyLength = (int)MessageCodec.Decode(reader).BodyLength;
            regions.Add(new Region(RegionKind.Body, position + 8 + length, bodyLength));
            position += 8 + length + bodyLength;
        }
        return regions;
    }
}
