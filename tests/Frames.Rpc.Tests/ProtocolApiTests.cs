using System.Reflection;
using FramesNet.Rpc.Protocol;

namespace FramesNet.Rpc.Tests;

/// <summary>
/// SchedulerApi and WorkerApi name their methods' paths as constants (cheaper at start-up than the file
/// descriptor): each must match proto/frames.proto, one constant per rpc.
/// </summary>
public class ProtocolApiTests
{
    public static TheoryData<string> Services => new() { nameof(SchedulerApi), nameof(WorkerApi) };

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_path_matches_the_descriptor_and_every_rpc_has_a_path(string api)
    {
        var type = api == nameof(SchedulerApi) ? typeof(SchedulerApi) : typeof(WorkerApi);
        var serviceName = (string)type.GetField("ServiceName")!.GetValue(null)!;
        var service = FramesReflection.Descriptor.Services.Single(s => s.FullName == serviceName);
        var paths = type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != "ServiceName")
            .ToDictionary(f => f.Name, f => (string)f.GetValue(null)!);

        Assert.Equal(service.Methods.Select(m => m.Name).Order(), paths.Keys.Order());
        Assert.All(service.Methods, m => Assert.Equal($"/{service.FullName}/{m.Name}", paths[m.Name]));
    }
}
