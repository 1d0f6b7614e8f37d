using FramesNet.Scheduler.Core;

namespace FramesNet.Scheduler.Tests.Core;

public sealed class TaskTransitionsTests
{
    [Theory]
    [InlineData("Waiting", "Ready")]
    [InlineData("Ready", "Queued")]
    [InlineData("Queued", "Running")]
    [InlineData("Running", "Done")]
    [InlineData("Running", "Ready")]
    [InlineData("Queued", "Ready")]
    [InlineData("Done", "Ready")]
    [InlineData("Done", "Waiting")]
    [InlineData("Running", "Waiting")]
    [InlineData("Running", "Failed")]
    public void The_documented_moves_are_allowed(string fromName, string toName)
    {
        var (from, to) = (Enum.Parse<TaskState>(fromName), Enum.Parse<TaskState>(toName));
        Assert.True(TaskTransitions.IsAllowed(from, to));
        TaskTransitions.Check(new TaskKey("t"), from, to);
    }

    [Theory]
    [InlineData("Done", "Queued")]
    [InlineData("Waiting", "Queued")]
    [InlineData("Waiting", "Done")]
    [InlineData("Queued", "Done")]
    [InlineData("Ready", "Running")]
    [InlineData("Done", "Done")]
    public void Illegal_moves_throw_naming_the_task_and_both_states(string fromName, string toName)
    {
        var (from, to) = (Enum.Parse<TaskState>(fromName), Enum.Parse<TaskState>(toName));
        var error = Assert.Throws<InvalidOperationException>(() => TaskTransitions.Check(new TaskKey("agg-7"), from, to));

        Assert.Equal($"task agg-7: illegal transition {from} → {to}", error.Message);
    }

    [Fact]
    public void Failed_is_final()
    {
        Assert.All(Enum.GetValues<TaskState>(), to => Assert.False(TaskTransitions.IsAllowed(TaskState.Failed, to)));
    }

    [Fact]
    public void Only_a_running_task_becomes_done()
    {
        var into = Enum.GetValues<TaskState>().Where(from => TaskTransitions.IsAllowed(from, TaskState.Done));

        Assert.Equal([TaskState.Running], into);
    }
}
