using FramesNet.Columns;
using FramesNet.Execution.Kernels;
using FramesNet.Physical;
using Proto = FramesNet.Rpc.Protocol;
using FramesNet.Plan;

namespace FramesNet.Cluster;

public static partial class TaskSpecCodec
{
    private static Proto.OperatorSpec Operator(PhysicalOperator op)
    {
        switch (op)
        {
            case FilterOperator filter:
                return new Proto.OperatorSpec { Filter = new Proto.FilterSpec { Input = SchemaCodec.ToProto(filter.OutputSchema), Predicate = ExprCodec.ToProto(filter.Predicate) } };
            case ProjectOperator project:
            {
                var spec = new Proto.ProjectSpec { Input = SchemaCodec.ToProto(project.InputSchema), Output = SchemaCodec.ToProto(project.OutputSchema) };
                spec.Expressions.AddRange(project.Expressions.Select(ExprCodec.ToProto));
                return new Proto.OperatorSpec { Project = spec };
            }
            case LimitOperator limit:
                return new Proto.OperatorSpec { Limit = new Proto.LimitSpec { Schema = SchemaCodec.ToProto(limit.OutputSchema), Count = limit.Count } };
            case AggregateOperator aggregate:
            {
                var spec = new Proto.AggregateSpecMessage { Rows = SchemaCodec.ToProto(aggregate.Rows), Mode = aggregate.Mode.ToString() };
                spec.Keys.AddRange(aggregate.Keys);
                spec.Aggregates.AddRange(aggregate.Aggregates.Select(a => new Proto.AggregateCall { Function = a.Function.ToString(), Column = a.Column, Name = a.Name }));
                if (aggregate.ResultSchema is not null)
                    spec.Result = SchemaCodec.ToProto(aggregate.ResultSchema);
                return new Proto.OperatorSpec { Aggregate = spec };
            }
            case HashJoinOperator join:
            {
                var spec = new Proto.HashJoinSpec
                {
                    Left = SchemaCodec.ToProto(join.Left),
                    Right = SchemaCodec.ToProto(join.Right),
                    Type = join.Type.ToString(),
                    BuildSide = join.BuildSide.ToString(),
                    SideInput = join.SideInput,
                };
                spec.LeftKeys.AddRange(join.LeftKeys);
                spec.RightKeys.AddRange(join.RightKeys);
                return new Proto.OperatorSpec { HashJoin = spec };
            }
            case SortOperator sort:
            {
                var spec = new Proto.SortSpec { Schema = SchemaCodec.ToProto(sort.OutputSchema), KeyText = sort.KeyText };
                spec.Keys.AddRange(sort.Keys.Select(SortColumn));
                return new Proto.OperatorSpec { Sort = spec };
            }
            case TopKOperator top:
            {
                var spec = new Proto.TopKSpec { Schema = SchemaCodec.ToProto(top.OutputSchema), K = top.K, KeyText = top.KeyText };
                spec.Keys.AddRange(top.Keys.Select(SortColumn));
                return new Proto.OperatorSpec { TopK = spec };
            }
            case SortBoundariesOperator boundaries:
            {
                var spec = new Proto.SortBoundariesSpec { Schema = SchemaCodec.ToProto(boundaries.InputSchema), Buckets = boundaries.BucketCount, KeyText = boundaries.KeyText };
                spec.Keys.AddRange(boundaries.Keys.Select(SortColumn));
                return new Proto.OperatorSpec { SortBoundaries = spec };
            }
            case MapPartitionsOperator map:
                throw new CodecException($"{map.Name} runs a .NET delegate of this process, which cannot be sent to a cluster worker; use expressions, or run it with the local executor");
            default:
                throw new CodecException($"a {op.GetType().Name} cannot be sent to a worker");
        }
    }

    private static PhysicalOperator Operator(Proto.OperatorSpec message)
    {
        switch (message.KindCase)
        {
            case Proto.OperatorSpec.KindOneofCase.Filter:
                return new FilterOperator(SchemaCodec.FromProto(message.Filter.Input), ExprCodec.FromProto(message.Filter.Predicate));
            case Proto.OperatorSpec.KindOneofCase.Project:
                return new ProjectOperator(SchemaCodec.FromProto(message.Project.Input), message.Project.Expressions.Select(ExprCodec.FromProto).ToArray(),
                    SchemaCodec.FromProto(message.Project.Output));
            case Proto.OperatorSpec.KindOneofCase.Limit:
                return new LimitOperator(SchemaCodec.FromProto(message.Limit.Schema), message.Limit.Count);
            case Proto.OperatorSpec.KindOneofCase.Aggregate:
            {
                var a = message.Aggregate;
                var specs = a.Aggregates.Select(c => new AggregateSpec(ExprCodec.Enum<AggregateKind>(c.Function), c.Column, c.Name)).ToArray();
                return new AggregateOperator(SchemaCodec.FromProto(a.Rows), a.Keys.ToArray(), specs, ExprCodec.Enum<AggregateMode>(a.Mode),
                    a.Result is null ? null : SchemaCodec.FromProto(a.Result));
            }
            case Proto.OperatorSpec.KindOneofCase.HashJoin:
            {
                var j = message.HashJoin;
                return new HashJoinOperator(SchemaCodec.FromProto(j.Left), j.LeftKeys.ToArray(), SchemaCodec.FromProto(j.Right), j.RightKeys.ToArray(),
                    ExprCodec.Enum<JoinType>(j.Type), ExprCodec.Enum<JoinSide>(j.BuildSide), j.SideInput);
            }
            case Proto.OperatorSpec.KindOneofCase.Sort:
                return new SortOperator(SchemaCodec.FromProto(message.Sort.Schema), message.Sort.Keys.Select(SortColumn).ToArray(), message.Sort.KeyText);
            case Proto.OperatorSpec.KindOneofCase.TopK:
                return new TopKOperator(SchemaCodec.FromProto(message.TopK.Schema), message.TopK.Keys.Select(SortColumn).ToArray(), message.TopK.K, message.TopK.KeyText);
            case Proto.OperatorSpec.KindOneofCase.SortBoundaries:
            {
                var b = message.SortBoundaries;
                return new SortBoundariesOperator(SchemaCodec.FromProto(b.Schema), b.Keys.Select(SortColumn).ToArray(), b.Buckets, b.KeyText);
            }
            default:
                throw new CodecException("an operator of no known kind");
        }
    }

    private static Proto.SinkSpec Sink(TaskSink sink)
    {
        switch (sink)
        {
            case CollectSink:
                return new Proto.SinkSpec { Collect = new Proto.CollectSinkSpec() };
            case HashPartitionSink hash:
            {
                var spec = new Proto.HashPartitionSinkSpec { Buckets = hash.Buckets };
                spec.Keys.AddRange(hash.Keys);
                spec.KeyNames.AddRange(hash.KeyNames);
                return new Proto.SinkSpec { Hash = spec };
            }
            case EvenSplitSink even:
                return new Proto.SinkSpec { Even = new Proto.EvenSplitSinkSpec { Buckets = even.Buckets } };
            case RangePartitionSink range:
            {
                var spec = new Proto.RangePartitionSinkSpec { Buckets = range.Buckets, KeyText = range.KeyText, SideInput = range.SideInput };
                spec.Keys.AddRange(range.Keys.Select(SortColumn));
                return new Proto.SinkSpec { Range = spec };
            }
            case SampleSink sample:
                return new Proto.SinkSpec { Sample = new Proto.SampleSinkSpec { Rows = sample.SampleRows } };
            case WriteFileSink write:
                return new Proto.SinkSpec { Write = new Proto.WriteFileSinkSpec { Folder = write.Folder, Format = write.Format.ToString(), Index = write.Index, KeepEmpty = write.KeepEmpty, Options = write.FormatOptions } };
            default:
                throw new CodecException($"a {sink.GetType().Name} cannot be sent to a worker");
        }
    }

    private static TaskSink Sink(Proto.SinkSpec? message) => message?.KindCase switch
    {
        Proto.SinkSpec.KindOneofCase.Collect => CollectSink.Instance,
        Proto.SinkSpec.KindOneofCase.Hash => new HashPartitionSink(message.Hash.Keys.ToArray(), message.Hash.KeyNames.ToArray(), message.Hash.Buckets),
        Proto.SinkSpec.KindOneofCase.Even => new EvenSplitSink(message.Even.Buckets),
        Proto.SinkSpec.KindOneofCase.Range => new RangePartitionSink(message.Range.Keys.Select(SortColumn).ToArray(), message.Range.Buckets, message.Range.KeyText, message.Range.SideInput),
        Proto.SinkSpec.KindOneofCase.Sample => new SampleSink(message.Sample.Rows),
        Proto.SinkSpec.KindOneofCase.Write => new WriteFileSink(message.Write.Folder, ExprCodec.Enum<Formats.TableFormat>(message.Write.Format), message.Write.Index, message.Write.KeepEmpty, message.Write.Options),
        _ => throw new CodecException("a sink of no known kind"),
    };

    private static Proto.SortKeySpec SortColumn(SortColumn key) => new() { Column = key.Column, Descending = key.Descending, NullsFirst = key.NullsFirst };

    private static SortColumn SortColumn(Proto.SortKeySpec key) => new(key.Column, key.Descending, key.NullsFirst);
}
