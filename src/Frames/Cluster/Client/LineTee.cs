namespace FramesNet.Cluster;

/// <summary>Writes every line to each of several writers (a daemon's log to the console and to its file), one line at a time.</summary>
internal sealed class LineTee(IReadOnlyList<TextWriter> writers) : TextWriter
{
    private readonly Lock _write = new();

    public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_write)
        {
            foreach (var writer in writers)
                writer.Write(value);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_write)
        {
            foreach (var writer in writers)
                writer.WriteLine(value);
        }
    }

    public override void Flush()
    {
        lock (_write)
        {
            foreach (var writer in writers)
                writer.Flush();
        }
    }
}
