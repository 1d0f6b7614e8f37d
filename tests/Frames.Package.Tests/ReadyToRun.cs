using System.Reflection.PortableExecutable;

namespace FramesNet.Package.Tests;

/// <summary>Whether an assembly is a ReadyToRun image: precompiled code the runtime uses instead of JIT-compiling it.</summary>
internal static class ReadyToRun
{
    /// <summary>
    /// True when <paramref name="path"/>'s CLI header points at a managed native header, which only crossgen's
    /// ReadyToRun images have (an IL-only assembly from the C# compiler leaves it empty).
    /// </summary>
    public static bool IsPrecompiled(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        var cor = reader.PEHeaders.CorHeader ?? throw new InvalidOperationException($"{path} is not a .NET assembly");
        return cor.ManagedNativeHeaderDirectory.Size > 0;
    }
}
