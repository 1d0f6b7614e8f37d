using System.Collections;
using FramesNet.Columns;
using FramesNet.Physical;

namespace FramesNet.Execution;

/// <summary>Runs one task: its source, through its operators, into its sink. Shared by every executor.</summary>
internal static class TaskRunner
{
    public static IReadOnlyList<RecordBatch>[] Run(TaskNode task, TaskContext context)
    {
        try
        {
            IEnumerable<RecordBatch> stream = new Blame(task.Source.Read(context), task.Source is InputSource ? "input" : "scan");
            foreach (var op in task.Operators)
                stream = new Blame(op.Execute(stream, context), op.Name);
            var schema = task.Operators.Count > 0 ? task.Operators[^1].OutputSchema : task.Source.Schema;
            return task.Sink.Consume(stream, schema, context);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var blamed = e as OperatorException;
            var input = task.Source is InputSource
                ? $"partitions {string.Join(", ", task.Inputs.Take(4))}{(task.Inputs.Count > 4 ? $" (+{task.Inputs.Count - 4})" : "")}"
                : task.Source.Describe();
            throw new TaskFailedException(task.Key, blamed?.Operator ?? "sink", input, blamed?.InnerException ?? e);
        }
    }

    /// <summary>Tags an exception with the first (innermost) pipeline step it passed through.</summary>
    private sealed class OperatorException(string op, Exception inner) : Exception(inner.Message, inner)
    {
        public string Operator { get; } = op;
    }

    private sealed class Blame(IEnumerable<RecordBatch> inner, string name) : IEnumerable<RecordBatch>
    {
        public IEnumerator<RecordBatch> GetEnumerator() => new Enumerator(inner, name);

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private sealed class Enumerator(IEnumerable<RecordBatch> source, string name) : IEnumerator<RecordBatch>
        {
            private IEnumerator<RecordBatch>? _inner;

            public RecordBatch Current => _inner!.Current;

            object IEnumerator.Current => Current;

            public bool MoveNext()
            {
                try
                {
                    _inner ??= source.GetEnumerator();
                    return _inner.MoveNext();
                }
                catch (Exception e) when (e is not OperatorException and not OperationCanceledException)
                {
                    throw new OperatorException(name, e);
                }
            }

            public void Reset() => throw new NotSupportedException();

            public void Dispose() => _inner?.Dispose();
        }
    }
}
