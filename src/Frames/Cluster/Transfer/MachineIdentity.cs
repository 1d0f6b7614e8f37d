namespace FramesNet.Cluster;

/// <summary>
/// Which machine (and boot of it) this process runs on, for handing partitions over through a shared
/// folder instead of the network: Linux's boot id, the same for every process of one boot of one machine
/// and different everywhere else. Null where there is none (other systems, or /proc unreadable).
/// </summary>
public static class MachineIdentity
{
    private static readonly Lazy<string?> BootId = new(ReadBootId);

    public static string? Current => BootId.Value;

    private static string? ReadBootId()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        try
        {
            var id = File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
            return id.Length > 0 ? id : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
