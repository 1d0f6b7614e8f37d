using FramesNet.Physical;

namespace FramesNet.Formats;

/// <summary>A piece of a scan over files of some <see cref="FileFormat"/>, which can be sent to a worker as bytes only its format reads.</summary>
internal abstract class FileScanPartition : ScanPartition
{
    public abstract FileFormat Format { get; }

    /// <summary>Everything a worker needs to read this piece, for <see cref="FileFormat.DecodeScan"/>.</summary>
    public abstract byte[] EncodeSpec();
}
