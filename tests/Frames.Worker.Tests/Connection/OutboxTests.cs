using FramesNet.Physical;
using FramesNet.Rpc.Protocol;
using FramesNet.Worker.Connection;
using Case = FramesNet.Rpc.Protocol.WorkerMessage.MessageOneofCase;

namespace FramesNet.Worker.Tests.Connection;

public class OutboxTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    private static TaskDone Done(string task) => new() { Task = task };

    [Fact]
    public async Task Reports_of_one_kind_that_arrive_together_go_out_as_one_message()
    {
        var outbox = new Outbox(TimeProvider.System, TimeSpan.FromMilliseconds(50), 64);
        outbox.Finished(Done("a"));
        outbox.Finished(Done("b"));
        outbox.Finished(Done("c"));

        var message = await outbox.TakeAsync(Long, default);

        Assert.Equal(Case.Finished, message!.MessageCase);
        Assert.Equal(["a", "b", "c"], message.Finished.Tasks.Select(t => t.Task));
    }

    [Fact]
    public async Task A_report_of_another_kind_ends_the_batch_and_keeps_its_place()
    {
        var outbox = new Outbox(TimeProvider.System, TimeSpan.FromMilliseconds(50), 64);
        _ = outbox.Started(new TaskKey("a"));
        _ = outbox.Started(new TaskKey("b"));
        outbox.Failed(new TaskFailure { Task = "a" });
        outbox.Finished(Done("b"));

        var first = await outbox.TakeAsync(Long, default);
        var second = await outbox.TakeAsync(Long, default);
        var third = await outbox.TakeAsync(Long, default);

        Assert.Equal(["a", "b"], first!.Started.Tasks);
        Assert.Equal("a", second!.Failed.Task);
        Assert.Equal(["b"], third!.Finished.Tasks.Select(t => t.Task));
    }

    [Fact]
    public async Task A_batch_holds_at_most_the_limit()
    {
        var outbox = new Outbox(TimeProvider.System, TimeSpan.FromMilliseconds(100), 2);
        foreach (var task in new[] { "a", "b", "c" })
            outbox.Finished(Done(task));

        var first = await outbox.TakeAsync(Long, default);
        var second = await outbox.TakeAsync(Long, default);

        Assert.Equal(["a", "b"], first!.Finished.Tasks.Select(t => t.Task));
        Assert.Equal(["c"], second!.Finished.Tasks.Select(t => t.Task));
    }

    [Fact]
    public async Task Nothing_to_send_within_the_timeout_is_null()
    {
        var outbox = new Outbox(TimeProvider.System, TimeSpan.FromMilliseconds(5), 64);

        Assert.Null(await outbox.TakeAsync(TimeSpan.FromMilliseconds(20), default));
    }

    [Fact]
    public async Task Without_acknowledgements_a_started_report_counts_as_delivered_once_written()
    {
        var outbox = new Outbox(TimeProvider.System, TimeSpan.Zero, 64);
        var delivered = outbox.Started(new TaskKey("a"));

        var message = await outbox.TakeAsync(Long, default);
        Assert.False(delivered.IsCompleted);
        outbox.Sent(message!);

        Assert.True(delivered.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task With_acknowledgements_a_started_report_counts_as_delivered_only_when_the_scheduler_says_so()
    {
        var outbox = new Outbox(TimeProvider.System, TimeSpan.Zero, 64) { AwaitAcknowledgements = true };
        var a = outbox.Started(new TaskKey("a"));
        var b = outbox.Started(new TaskKey("b"));

        var message = await outbox.TakeAsync(Long, default);
        outbox.Sent(message!);
        Assert.False(a.IsCompleted);

        outbox.Delivered(new TasksStarted { Tasks = { "a" } });
        Assert.True(a.IsCompletedSuccessfully);
        Assert.False(b.IsCompleted);
    }
}
