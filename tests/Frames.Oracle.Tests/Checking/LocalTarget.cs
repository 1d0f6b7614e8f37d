using FramesNet.Oracle.Tests.Data;

namespace FramesNet.Oracle.Tests.Checking;

/// <summary>The in-process executor.</summary>
internal sealed class LocalTarget : IFramesTarget
{
    public string Name => "local";

    public bool ReadsArrow => true;

    public DataFrame Scan(OracleTable table, IReadOnlyList<string> paths, CaseSettings settings)
    {
        var context = settings.Apply(FramesContext.Local);
        return table.Format switch
        {
            TableFormat.Arrow => Frames.ReadArrow(paths, context),
            TableFormat.Csv => Frames.ReadCsv(paths, settings.CsvOptions(table.ValueSchema), context),
            _ => Frames.ReadCsv(paths, settings.CsvOptions(null), context),
        };
    }
}
