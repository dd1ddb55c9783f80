using Xunit.Abstractions;

namespace Registry.Tests.Support;

/// <summary>
/// Measures how far a registry process's peak resident memory rises above where it stood when the watch started
/// (the kernel's high-water mark is reset first, where allowed), and fails when it passes the allowance.
/// </summary>
internal sealed class PeakMemoryWatch
{
    private readonly RegistryProcess registry;
    private readonly ITestOutputHelper output;
    private readonly long allowedGrowth;
    private readonly ProcessMemorySnapshot baseline;

    private PeakMemoryWatch(RegistryProcess registry, ITestOutputHelper output, long allowedGrowth, ProcessMemorySnapshot baseline)
    {
        this.registry = registry;
        this.output = output;
        this.allowedGrowth = allowedGrowth;
        this.baseline = baseline;
    }

    public static async Task<PeakMemoryWatch> StartAsync(RegistryProcess registry, ITestOutputHelper output, long allowedGrowth, CancellationToken ct)
    {
        bool reset = await ProcessMemory.TryResetPeakAsync(registry.ProcessId, ct);
        ProcessMemorySnapshot baseline = await registry.ReadMemoryAsync(ct);
        output.WriteLine($"before: {baseline} (peak reset: {reset})");
        return new PeakMemoryWatch(registry, output, allowedGrowth, baseline);
    }

    /// <summary>Fails when the peak since the start grew by the allowance or more; <paramref name="phase"/> names what ran ("the 1 GiB upload").</summary>
    public async Task AssertAsync(string phase, CancellationToken ct)
    {
        ProcessMemorySnapshot now = await registry.ReadMemoryAsync(ct);
        long growth = now.PeakResidentBytes - baseline.ResidentBytes;
        output.WriteLine($"after {phase}: {now}; peak growth {growth / (1024 * 1024)} MiB");
        Assert.True(
            growth < allowedGrowth,
            $"The registry's peak RSS grew by {growth / (1024 * 1024)} MiB during {phase} " +
            $"(before: {baseline}; after: {now}); it must stream, growing by less than {allowedGrowth / (1024 * 1024)} MiB.");
    }
}
