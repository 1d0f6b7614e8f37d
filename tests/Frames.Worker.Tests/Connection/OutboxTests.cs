using FramesNet.Physical;
using FramesNet.Rpc.Protocol;
using FramesNet.Worker.Connection;
using Microsoft.Extensions.Time.Testing;
using Case = FramesNet.Rpc.Protocol.WorkerMessage.MessageOneofCase;

namespace FramesNet.Worker.Tests.Connection;

public class OutboxTests
{
    private static TaskDone Done(string task) => new() { Task = task };

    [Fact]
    public async Task Reports_of_one_kind_that_arrive_together_go_out_as_one_message()
    {
        var outbox = new Outbox(TimeProvider.System, TimeSpan.FromMilliseconds(50), 64);
        outbox.Finished(Done("a"));
        outbox.Finished(Done("b"));
        outbox.Finished(Done("c"));

        var message = await outbox.TakeAsync(default);

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

        var first = await outbox.TakeAsync(default);
        var second = await outbox.TakeAsync(default);
        var third = await outbox.TakeAsync(default);

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

        var first = await outbox.TakeAsync(default);
        var second = await outbox.TakeAsync(default);

        Assert.Equal(["a", "b"], first!.Finished.Tasks.Select(t => t.Task));
        Assert.Equal(["c"], second!.Finished.Tasks.Select(t => t.Task));
    }

    [Fact]
    public async Task A_wake_up_with_nothing_to_send_is_null()
    {
        var outbox = new Outbox(new FakeTimeProvider(), TimeSpan.FromMilliseconds(5), 64);
        var take = outbox.TakeAsync(default).AsTask();
        Assert.False(take.IsCompleted);

        outbox.Wake();

        Assert.Null(await take);
    }

    [Fact]
    public async Task A_batch_waits_the_batch_delay_for_more_of_its_kind_and_no_longer()
    {
        var clock = new FakeTimeProvider();
        var outbox = new Outbox(clock, TimeSpan.FromMilliseconds(50), 64);
        outbox.Finished(Done("a"));
        var take = outbox.TakeAsync(default).AsTask();

        clock.Advance(TimeSpan.FromMilliseconds(49));
        outbox.Finished(Done("b"));
        Assert.False(take.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var message = await take;
        outbox.Finished(Done("c"));
        var next = outbox.TakeAsync(default).AsTask();
        clock.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal(["a", "b"], message!.Finished.Tasks.Select(t => t.Task));
        Assert.Equal(["c"], (await next)!.Finished.Tasks.Select(t => t.Task));
    }

    [Fact]
    public async Task A_wake_up_ends_a_batch_wait_at_once()
    {
        var outbox = new Outbox(new FakeTimeProvider(), TimeSpan.FromSeconds(1), 64);
        outbox.Finished(Done("a"));
        var take = outbox.TakeAsync(default).AsTask();

        outbox.Wake();

        Assert.Equal(["a"], (await take)!.Finished.Tasks.Select(t => t.Task));
    }

    [Fact]
    public async Task Without_acknowledgements_a_started_report_counts_as_delivered_once_written()
    {
        var outbox = new Outbox(TimeProvider.System, TimeSpan.Zero, 64);
        var delivered = outbox.Started(new TaskKey("a"));

        var message = await outbox.TakeAsync(default);
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

        var message = await outbox.TakeAsync(default);
        outbox.Sent(message!);
        Assert.False(a.IsCompleted);

        outbox.Delivered(new TasksStarted { Tasks = { "a" } });
        Assert.True(a.IsCompletedSuccessfully);
        Assert.False(b.IsCompleted);
    }
}
