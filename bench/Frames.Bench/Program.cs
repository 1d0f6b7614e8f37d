using System.Reflection;
using FramesNet.Bench;

// Benchmark runner: `Frames.Bench NAME [args]` runs one benchmark; `Frames.Bench list` names them all.
var commands = typeof(IBenchCommand).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchCommand).IsAssignableFrom(t))
    .Select(t => (IBenchCommand)Activator.CreateInstance(t)!)
    .OrderBy(c => c.Name)
    .ToDictionary(c => c.Name);

if (args.Length == 0 || args[0] is "list" or "--help" or "-h")
{
    Console.WriteLine("usage: Frames.Bench NAME [args]");
    foreach (var command in commands.Values)
        Console.WriteLine($"  {command.Name,-12} {command.Description}");
    return args.Length == 0 ? 2 : 0;
}
if (!commands.TryGetValue(args[0], out var chosen))
{
    Console.Error.WriteLine($"unknown benchmark '{args[0]}'; try 'list'");
    return 2;
}
return chosen.Run(args[1..]);
