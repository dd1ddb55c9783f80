using System.Globalization;

namespace Registry.Tests.Support;

/// <summary>Reads a Linux process's memory use from /proc.</summary>
internal static class ProcessMemory
{
    public static async Task<ProcessMemorySnapshot> ReadAsync(int processId, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync($"/proc/{processId}/status", cancellationToken);
        return new ProcessMemorySnapshot(ReadKilobytes(lines, "VmRSS:") * 1024, ReadKilobytes(lines, "VmHWM:") * 1024);
    }

    /// <summary>
    /// Resets the peak resident set size (VmHWM) to the current one by writing 5 to /proc/PID/clear_refs.
    /// Returns false where that is not allowed (not root, old kernel).
    /// </summary>
    public static async Task<bool> TryResetPeakAsync(int processId, CancellationToken cancellationToken)
    {
        try
        {
            await File.WriteAllTextAsync($"/proc/{processId}/clear_refs", "5", cancellationToken);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long ReadKilobytes(string[] lines, string key)
    {
        foreach (var line in lines)
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                var value = line[key.Length..].Trim();
                var number = value.EndsWith(" kB", StringComparison.Ordinal) ? value[..^3] : value;
                return long.Parse(number.Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc status has no {key} line.");
    }
}
