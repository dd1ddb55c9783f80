namespace Registry.Tests.Support;

/// <summary>Cleans up mounts that container tools leave under their temp directories.</summary>
internal static class MountPoints
{
    /// <summary>Lazily unmounts every mount at or below <paramref name="root"/>, deepest first.</summary>
    public static async Task UnmountBelowAsync(string root)
    {
        if (!File.Exists("/proc/self/mounts"))
        {
            return;
        }

        var mountPoints = (await File.ReadAllLinesAsync("/proc/self/mounts"))
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length > 1)
            .Select(fields => fields[1].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(point => point == root || point.StartsWith(root + "/", StringComparison.Ordinal))
            .OrderByDescending(point => point.Length)
            .ToList();
        foreach (var point in mountPoints)
        {
            await ProcessRunner.RunAsync("umount", ["-l", point]);
        }
    }
}
