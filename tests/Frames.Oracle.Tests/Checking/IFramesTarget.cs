using FramesNet.Oracle.Tests.Data;

namespace FramesNet.Oracle.Tests.Checking;

/// <summary>Where Frames runs a case: in this process, or on a cluster of real scheduler and worker processes.</summary>
internal interface IFramesTarget
{
    string Name { get; }

    /// <summary>Whether scans of Arrow files can run here (tables are generated as CSV otherwise).</summary>
    bool ReadsArrow { get; }

    /// <summary>A frame over <paramref name="table"/>'s files (absolute paths, in order), in a context with <paramref name="settings"/>.</summary>
    DataFrame Scan(OracleTable table, IReadOnlyList<string> paths, CaseSettings settings);
}
