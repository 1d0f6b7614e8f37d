using FramesNet.Columns;
using FramesNet.Execution.Kernels;
using FramesNet.Formats;
using FramesNet.Formats.Arrow;
using FramesNet.Physical;
using FramesNet.Plan;
using Google.Protobuf;
using Proto = FramesNet.Rpc.Protocol;

namespace FramesNet.Cluster;

/// <summary>
/// Tasks to and from the protocol: the client encodes each task's source, operators and sink into a
/// <c>TaskSpec</c>; the scheduler carries it as opaque bytes; a worker decodes it back into a runnable task.
/// </summary>
public static partial class TaskSpecCodec
{
    /// <summary>The task as the scheduler sees it: key, dependencies, locality, size, and the encoded spec.</summary>
    public static Proto.GraphTask ToGraphTask(TaskNode task)
    {
        var message = new Proto.GraphTask
        {
            Key = task.Key.Value,
            Stage = task.Stage,
            Partition = task.Partition,
            Buckets = task.Sink.Buckets,
            FilePath = (task.Source as ScanPartition)?.FilePath ?? "",
            InputBytes = (task.Source as ScanPartition)?.Bytes ?? 0,
            Spec = ByteString.CopyFrom(Encode(task)),
        };
        message.Inputs.AddRange(task.Inputs.Select(ToProto));
        foreach (var side in task.SideInputs)
        {
            var input = new Proto.SideInput();
            input.Partitions.AddRange(side.Select(ToProto));
            message.SideInputs.Add(input);
        }
        return message;
    }

    public static byte[] Encode(TaskNode task)
    {
        var spec = new Proto.TaskSpec { Source = Source(task.Source), Sink = Sink(task.Sink) };
        spec.Operators.AddRange(task.Operators.Select(Operator));
        return spec.ToByteArray();
    }

    /// <summary>A runnable task from what the scheduler sent a worker.</summary>
    public static TaskNode Decode(Proto.RunTask run)
    {
        Proto.TaskSpec spec;
        try
        {
            spec = Proto.TaskSpec.Parser.ParseFrom(run.Spec);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new CodecException($"task {run.Task}: the spec does not parse: {e.Message}");
        }
        var source = Source(spec.Source);
        var operators = spec.Operators.Select(Operator).ToArray();
        var sink = Sink(spec.Sink);
        return new TaskNode(new TaskKey(run.Task), run.Stage, run.Partition, source, operators, sink,
            run.Inputs.Select(i => FromProto(i.Partition)).ToArray(),
            run.SideInputs.Select(s => (IReadOnlyList<PartitionRef>)s.Partitions.Select(i => FromProto(i.Partition)).ToArray()).ToArray());
    }

    public static Proto.PartitionRef ToProto(PartitionRef reference) => new() { Task = reference.Task.Value, Bucket = reference.Bucket };

    public static PartitionRef FromProto(Proto.PartitionRef? reference) =>
        reference is null ? throw new CodecException("a partition reference is missing") : new PartitionRef(new TaskKey(reference.Task), reference.Bucket);

    private static Proto.TaskSourceSpec Source(TaskSource source) => source switch
    {
        FileScanPartition file => new Proto.TaskSourceSpec { File = new Proto.FileScan { Format = file.Format.Name, Spec = ByteString.CopyFrom(file.EncodeSpec()) } },
        MemorySource.MemoryPartition memory => new Proto.TaskSourceSpec
        {
            Memory = new Proto.MemoryScan { Schema = SchemaCodec.ToProto(memory.Schema), ArrowStream = IpcBytes(memory.Schema, memory.Rows()), Identity = memory.Spec },
        },
        BatchesSource batches => new Proto.TaskSourceSpec
        {
            Memory = new Proto.MemoryScan { Schema = SchemaCodec.ToProto(batches.Schema), ArrowStream = IpcBytes(batches.Schema, batches.Batches), Identity = batches.Identity },
        },
        InputSource inputs => new Proto.TaskSourceSpec { Inputs = new Proto.InputsScan { Schema = SchemaCodec.ToProto(inputs.Schema) } },
        StoredPartitionScan stored => new Proto.TaskSourceSpec { Stored = Stored(stored) },
        EmptySource empty => new Proto.TaskSourceSpec { Empty = new Proto.EmptyScan { Schema = SchemaCodec.ToProto(empty.Schema) } },
        _ => throw new CodecException($"a {source.GetType().Name} cannot be sent to a worker"),
    };

    private static Proto.StoredPartitionScan Stored(StoredPartitionScan scan)
    {
        var message = new Proto.StoredPartitionScan
        {
            Partition = ToProto(scan.Stored.Partition),
            Rows = scan.Stored.Rows,
            Bytes = scan.Stored.Bytes,
            Columns = SchemaCodec.ToProto(scan.Schema),
        };
        message.Addresses.AddRange(scan.Stored.Addresses);
        message.Indices.AddRange(scan.Columns);
        return message;
    }

    private static TaskSource Source(Proto.TaskSourceSpec? message)
    {
        switch (message?.KindCase)
        {
            case Proto.TaskSourceSpec.KindOneofCase.File:
            {
                var file = message.File;
                try
                {
                    return FileFormats.Get(file.Format).DecodeScan(file.Spec.Span);
                }
                catch (Exception e) when (e is InvalidProtocolBufferException or FormatException)
                {
                    throw new CodecException($"a {file.Format} file scan does not decode: {e.Message}");
                }
            }
            case Proto.TaskSourceSpec.KindOneofCase.Memory:
            {
                var schema = SchemaCodec.FromProto(message.Memory.Schema);
                using var reader = new ArrowStreamReader(new MemoryStream(message.Memory.ArrowStream.ToByteArray()), "task rows");
                return new BatchesSource(schema, reader.ReadAll().Select(b => b.WithNames(schema)).ToList(), message.Memory.Identity);
            }
            case Proto.TaskSourceSpec.KindOneofCase.Inputs:
                return new InputSource(SchemaCodec.FromProto(message.Inputs.Schema));
            case Proto.TaskSourceSpec.KindOneofCase.Empty:
                return new EmptySource(SchemaCodec.FromProto(message.Empty.Schema));
            case Proto.TaskSourceSpec.KindOneofCase.Stored:
            {
                var stored = message.Stored;
                return new StoredPartitionScan(new StoredPartition(FromProto(stored.Partition), [.. stored.Addresses], stored.Rows, stored.Bytes),
                    SchemaCodec.FromProto(stored.Columns), [.. stored.Indices]);
            }
            default:
                throw new CodecException("a task source of no known kind");
        }
    }

    private static ByteString IpcBytes(Schema schema, IEnumerable<RecordBatch> batches)
    {
        using var buffer = new MemoryStream();
        using (var writer = new ArrowStreamWriter(buffer, schema, leaveOpen: true))
        {
            foreach (var batch in batches)
                writer.Write(batch);
            writer.Finish();
        }
        return ByteString.CopyFrom(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
