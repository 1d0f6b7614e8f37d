using System.Buffers;
using System.Text.Unicode;
using FramesNet.Columns;
using Microsoft.Win32.SafeHandles;

namespace FramesNet.Formats.Csv;

/// <summary>
/// Parses the rows that start in one byte range of a file into record batches: reads the range in chunks with
/// <see cref="RandomAccess"/>, finds field boundaries with <see cref="CsvTokenizer"/> a few thousand rows at a time,
/// and lets each projected column's decoder parse those rows straight into the batch's buffers.
/// </summary>
/// <remarks>
/// The range's last row may run past <see cref="CsvFileRange.End"/> (when the end was guessed inside a quoted
/// field); <see cref="ActualEnd"/> says where the range's rows really ended, so a caller that guessed the next
/// range's start can check the guess. A speculative range (one whose start was guessed) gives up with
/// <see cref="CsvMisalignedRangeException"/> rather than read far past its end.
/// </remarks>
internal sealed class CsvRangeParser : IDisposable
{
    public const int DefaultReadBytes = 512 * 1024;
    private const int Pad = 64;                    // readable bytes before and after the data (SIMD loads, CR look-back)
    private const int ChunkRows = 2048;            // rows tokenized, then decoded column by column, at a time...
    private const int ChunkFields = 1 << 17;       // ...but no more fields than this (wide files), so chunks stay in cache
    private const int OverrunRead = 64 * 1024;
    private const long SpeculativeOverrun = 1 << 20;

    private readonly CsvReadPlan _plan;
    private readonly CsvFileRange _range;
    private readonly CsvLineLocator _locator;
    private readonly long _overrunLimit;
    private readonly CsvColumnDecoder[] _decoders;
    private readonly CsvTokenizer _tokenizer;
    private readonly CsvChunk _chunk = new();
    private readonly bool _checkUtf8;
    private readonly List<CsvFault> _skipped = [];
    private readonly int _readBytes;
    private SafeFileHandle? _handle;
    private byte[] _buffer;
    private long _fileLength;
    private long _end;
    private long _bufferBase;                      // file offset of _buffer[Pad]
    private int _pos = Pad;                        // buffer index of the next row
    private int _dataEnd = Pad;
    private bool _endOfData;
    private bool _started;
    private bool _done;

    public CsvRangeParser(CsvReadPlan plan, CsvFileRange range, CsvLineLocator locator, bool speculative = false,
        int? readBytes = null)
    {
        _plan = plan;
        _range = range;
        _locator = locator;
        _overrunLimit = speculative ? SpeculativeOverrun : long.MaxValue / 2;
        _decoders = plan.CreateDecoders();
        _tokenizer = new CsvTokenizer(plan.Options.DelimiterByte, plan.FileSchema.Count,
            Math.Clamp(ChunkFields / plan.FileSchema.Count, 1, Math.Min(ChunkRows, plan.Options.BatchRows)), plan.Options.SkipBadRows);
        _checkUtf8 = plan.HasUtf8Columns;
        _readBytes = Math.Max(readBytes ?? plan.Options.ReadBytes, 1);
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(_readBytes, 4 * Pad) + 2 * Pad);
        ActualEnd = range.Start;
    }

    public string Path => _range.Path;

    /// <summary>Where the range's rows ended (a row start, or the file's end); final once <see cref="Next"/> returned null.</summary>
    public long ActualEnd { get; private set; }

    /// <summary>Rows skipped so far (with <see cref="CsvReadOptions.SkipBadRows"/>).</summary>
    public long SkippedRows { get; private set; }

    /// <summary>Takes the faults of the rows skipped since the last call (at most <see cref="CsvReadReport.MaxErrors"/> are kept).</summary>
    public List<CsvFault> TakeSkipped()
    {
        var taken = _skipped.ToList();
        _skipped.Clear();
        return taken;
    }

    /// <summary>The next batch, or null when the range is done.</summary>
    public RecordBatch? Next()
    {
        if (!_started)
            Start();
        if (_done)
            return null;
        var fields = _plan.FileSchema.Count;
        var remaining = Math.Max(0, _end - FileOffset(_pos));
        var capacity = (int)Math.Min(_plan.Options.BatchRows, remaining / fields + 2);
        foreach (var decoder in _decoders)
            decoder.BeginBatch(capacity);

        var filled = 0;
        while (filled < capacity)
        {
            var stopAt = (int)Math.Clamp(_end - _bufferBase + Pad, 0, int.MaxValue - 1);
            _tokenizer.Tokenize(_buffer, _pos, _dataEnd, _endOfData, stopAt, Math.Min(_tokenizer.MaxRows, capacity - filled));
            if (_tokenizer.Rows > 0)
                filled += DecodeChunk(filled);
            TakeTokenizerFaults();
            _pos = _tokenizer.Next;
            var stop = _tokenizer.Stop;
            if (stop is CsvTokenizeStop.RangeEnd or CsvTokenizeStop.EndOfFile)
            {
                _done = true;
                break;
            }
            if (stop == CsvTokenizeStop.NeedData)
                Fill();
        }
        ActualEnd = Math.Min(_fileLength, FileOffset(_pos));

        if (filled == 0)
        {
            foreach (var decoder in _decoders)
                decoder.Release();
            return null;
        }
        var columns = new Column[_decoders.Length];
        for (var i = 0; i < columns.Length; i++)
            columns[i] = _decoders[i].Build(filled);
        return new RecordBatch(_plan.OutputSchema, columns, filled);
    }

    private long FileOffset(int bufferIndex) => _bufferBase + bufferIndex - Pad;

    private void Start()
    {
        _started = true;
        _handle = CsvFiles.Open(_range.Path);
        _fileLength = RandomAccess.GetLength(_handle);
        _end = Math.Min(_range.End, _fileLength);
        var start = _range.Start;
        if (_range.IsFirst)
        {
            var header = CsvHeader.Read(_handle, _range.Path, _plan.Options);
            CheckHeader(header);
            start = Math.Max(start, header.DataStart);
        }
        _bufferBase = start;
        ActualEnd = start;
        _done = start >= _end;
    }

    private void CheckHeader(CsvHeader header)
    {
        if (header.Names is null)
            return;
        var schema = _plan.FileSchema;
        if (header.Names.Count != schema.Count)
            throw new CsvFormatException(_range.Path, 1, 0, null,
                $"expected a header of {schema.Count} columns ({string.Join(", ", schema.Fields.Select(f => f.Name))}), found {header.Names.Count} ({string.Join(", ", header.Names)})");
        if (_plan.SchemaIsExplicit)
            return;
        for (var i = 0; i < schema.Count; i++)
            if (header.Names[i] != schema[i].Name)
                throw new CsvFormatException(_range.Path, 1, i + 1, header.Names[i],
                    $"expected column '{schema[i].Name}' here, as in the schema of the first file");
    }

    /// <summary>Keeps the unfinished row, reads more of the file after it, and marks the end of the data.</summary>
    private void Fill()
    {
        var keep = _dataEnd - _pos;
        if (_pos > Pad)
        {
            Buffer.BlockCopy(_buffer, _pos, _buffer, Pad, keep);
            _bufferBase += _pos - Pad;
            _pos = Pad;
            _dataEnd = Pad + keep;
        }
        if (keep > (_buffer.Length - 2 * Pad) / 2)
        {
            // One row fills half the buffer: make room for it.
            var bigger = ArrayPool<byte>.Shared.Rent(2 * _buffer.Length);
            Buffer.BlockCopy(_buffer, Pad, bigger, Pad, keep);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        var readAt = FileOffset(_dataEnd);
        if (readAt - _end > _overrunLimit)
            throw new CsvMisalignedRangeException(_range);
        var wanted = readAt < _end ? _end - readAt : OverrunRead;
        var toRead = (int)Math.Min(Math.Min(_buffer.Length - Pad - _dataEnd, _readBytes), Math.Min(wanted, _fileLength - readAt));
        var total = 0;
        while (total < toRead)
        {
            var read = RandomAccess.Read(_handle!, _buffer.AsSpan(_dataEnd + total, toRead - total), readAt + total);
            if (read == 0)
                break;
            total += read;
        }
        _dataEnd += total;
        if (total < toRead || readAt + total >= _fileLength)
        {
            _endOfData = true;
            if (_dataEnd > _pos && _buffer[_dataEnd - 1] != (byte)'\n')
                _buffer[_dataEnd++] = (byte)'\n'; // the last row has no line end: give it one
        }
    }

    /// <summary>Decodes the tokenized rows into batch rows from <paramref name="batchRow"/>; returns how many were kept.</summary>
    private int DecodeChunk(int batchRow)
    {
        var rows = _tokenizer.Rows;
        var chunk = _chunk;
        chunk.Reset(_buffer, _tokenizer.Ends, _tokenizer.Fields, rows, _tokenizer.SawQuote, _tokenizer.SawCarriageReturn);
        if (_checkUtf8)
        {
            var first = chunk.Ends[0] + 1;
            chunk.InvalidUtf8 = !Utf8.IsValid(_buffer.AsSpan(first, chunk.Ends[rows * chunk.Stride] - first));
        }
        foreach (var decoder in _decoders)
            decoder.Decode(chunk, batchRow);
        if (chunk.Faults.Count == 0)
            return rows;

        var faults = chunk.Faults.OrderBy(f => f.Row).ThenBy(f => f.Column).ToList();
        if (!_plan.Options.SkipBadRows)
            throw _plan.Error(_range.Path, _locator, faults[0].At(_bufferBase - Pad));
        var bad = new bool[rows];
        var badCount = 0;
        foreach (var fault in faults)
        {
            if (bad[fault.Row])
                continue;
            bad[fault.Row] = true;
            badCount++;
            Skip(fault.At(_bufferBase - Pad));
        }
        foreach (var decoder in _decoders)
            decoder.RemoveRows(batchRow, bad);
        return rows - badCount;
    }

    private void TakeTokenizerFaults()
    {
        var faults = _tokenizer.Faults;
        if (faults.Count == 0)
            return;
        if (_tokenizer.Stop == CsvTokenizeStop.BadRow)
            throw _plan.Error(_range.Path, _locator, faults[0].At(_bufferBase - Pad));
        foreach (var fault in faults)
            Skip(fault.At(_bufferBase - Pad));
    }

    private void Skip(CsvFault fault)
    {
        SkippedRows++;
        if (_skipped.Count < CsvReadReport.MaxErrors)
            _skipped.Add(fault);
    }

    public void Dispose()
    {
        foreach (var decoder in _decoders)
            decoder.Release();
        _handle?.Dispose();
        _handle = null;
        if (_buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
