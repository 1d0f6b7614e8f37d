using System.Reflection;
using FramesNet.Rpc.Protocol;
using Google.Protobuf.Reflection;

namespace FramesNet.Rpc.Tests;

/// <summary>SchedulerApi and WorkerApi are written by hand (cheaper at start-up): each must match proto/frames.proto.</summary>
public class ProtocolApiTests
{
    public static TheoryData<string> Services => new() { nameof(SchedulerApi), nameof(WorkerApi) };

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_method_matches_the_descriptor_and_every_rpc_has_a_method(string api)
    {
        var type = api == nameof(SchedulerApi) ? typeof(SchedulerApi) : typeof(WorkerApi);
        var serviceName = (string)type.GetField("ServiceName")!.GetValue(null)!;
        var service = FramesReflection.Descriptor.Services.Single(s => s.FullName == serviceName);
        var methods = type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(Method<,>))
            .ToDictionary(f => f.Name, f => f.GetValue(null)!);

        Assert.Equal(service.Methods.Select(m => m.Name).Order(), methods.Keys.Order());
        foreach (var declared in service.Methods)
        {
            var method = methods[declared.Name];
            var fromDescriptor = typeof(Method).GetMethod(nameof(Method.FromDescriptor))!
                .MakeGenericMethod(method.GetType().GetGenericArguments())
                .Invoke(null, [service, declared.Name])!;
            Assert.Equal(Describe(fromDescriptor), Describe(method));
        }
    }

    private static string Describe(object method)
    {
        var type = method.GetType();
        string Get(string property) => type.GetProperty(property)!.GetValue(method)!.ToString()!;
        return $"{Get("Type")} {Get("FullName")} {Get("ServiceName")} {Get("Name")} {type.GetProperty("RequestParser")!.GetValue(method)!.GetType()} {type.GetProperty("ResponseParser")!.GetValue(method)!.GetType()}";
    }
}
