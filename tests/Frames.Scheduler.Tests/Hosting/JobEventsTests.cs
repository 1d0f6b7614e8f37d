using FramesNet.Scheduler.Core;
using FramesNet.Scheduler.Hosting;

namespace FramesNet.Scheduler.Tests.Hosting;

/// <summary>Every task event the core reports reaches the client as the wire member of the same name.</summary>
public sealed class JobEventsTests
{
    [Fact]
    public void Every_task_event_kind_goes_on_the_wire_as_itself()
    {
        var kinds = Enum.GetValues<TaskEventKind>();

        Assert.Equal(kinds.Select(k => k.ToString()), kinds.Select(k => JobEvents.ToProto(k).ToString()));
    }

    [Fact]
    public void A_value_no_member_names_is_refused()
    {
        Assert.Throws<System.Runtime.CompilerServices.SwitchExpressionException>(() => JobEvents.ToProto((TaskEventKind)99));
    }
}
