using System.CommandLine;

namespace FramesNet.Cli;

/// <summary>The root of the `frames` command line; each subcommand lives in its own file.</summary>
internal static class CliApp
{
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("frames: lazy, partitioned DataFrames for .NET — convert, inspect and run data jobs");
        return root.Parse(args).InvokeAsync();
    }
}
