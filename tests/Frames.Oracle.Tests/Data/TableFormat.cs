namespace FramesNet.Oracle.Tests.Data;

/// <summary>How a generated table is stored: every file of a table has the same format.</summary>
internal enum TableFormat
{
    /// <summary>CSV files, read with the table's schema given to the reader.</summary>
    Csv,

    /// <summary>CSV files whose schema Frames infers (only for data whose inferred types are unambiguous).</summary>
    CsvInferred,

    /// <summary>Arrow IPC files, file or stream format.</summary>
    Arrow,
}
