// INTERIM: stands in for the library's FramesNet.Cluster.TaskSpecCodec until it lands in main; deleted then.
using FramesNet.Physical;
using FramesNet.Rpc.Protocol;

namespace FramesNet.Cluster;

internal static class TaskSpecCodec
{
    public static TaskNode Decode(RunTask run) => throw new NotSupportedException("the task spec codec is not in this build yet");
}
