namespace Registry.Tests.Support;

/// <summary>A process's resident set size now and its peak (VmRSS and VmHWM), in bytes.</summary>
internal sealed record ProcessMemorySnapshot(long ResidentBytes, long PeakResidentBytes)
{
    public override string ToString() =>
        $"VmRSS {ResidentBytes / (1024 * 1024)} MiB, VmHWM {PeakResidentBytes / (1024 * 1024)} MiB";
}
