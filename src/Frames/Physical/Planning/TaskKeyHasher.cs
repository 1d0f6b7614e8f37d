using System.Security.Cryptography;
using System.Text;

namespace FramesNet.Physical;

/// <summary>Derives task keys: <c>stage-name-</c> plus 80 bits of SHA-256 over the task's spec and its inputs' keys.</summary>
internal static class TaskKeyHasher
{
    public static TaskKey Compute(string stageName, PendingPartition part, TaskSink sink)
    {
        var spec = new StringBuilder();
        spec.Append(part.Source.Spec).Append('\n');
        foreach (var op in part.Operators)
            spec.Append(op.Spec).Append('\n');
        spec.Append(sink.Spec).Append('\n');
        foreach (var input in part.Inputs)
            spec.Append("in ").Append(input).Append('\n');
        foreach (var side in part.SideInputs)
            spec.Append("side ").Append(string.Join(",", side)).Append('\n');
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(spec.ToString()));
        return new TaskKey($"{stageName}-{Convert.ToHexStringLower(hash.AsSpan(0, 10))}");
    }
}
