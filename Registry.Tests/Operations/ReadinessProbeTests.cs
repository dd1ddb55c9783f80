using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Registry.Api.Operations;
using Registry.Api.Operations.Health;

namespace Registry.Tests.Operations;

/// <summary>The readiness probe's timeout runs on the registry's clock: advancing a fake clock ends a hung check.</summary>
public sealed class ReadinessProbeTests
{
    [Fact]
    public async Task HungCheck_FailsWhenTheFakeClockPassesTheTimeout_AndSeesItsTokenCancelled()
    {
        var time = new FakeTimeProvider();
        var hung = new HungCheck("metadata");
        var passing = new PassingCheck("blobs");
        ReadinessProbe probe = Probe(time, TimeSpan.FromSeconds(2), hung, passing);

        Task<IReadOnlyList<ReadinessResult>> run = probe.RunAsync(CancellationToken.None);
        CancellationToken token = await hung.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(run.IsCompleted);
        Assert.False(token.IsCancellationRequested);

        time.Advance(TimeSpan.FromMilliseconds(1));
        IReadOnlyList<ReadinessResult> results = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(token.IsCancellationRequested);
        Assert.Equal("no answer within 2 s", Assert.Single(results, r => r.Name == "metadata").Error);
        Assert.True(Assert.Single(results, r => r.Name == "blobs").Passed);
    }

    [Fact]
    public async Task CheckThatIgnoresItsToken_StillFailsAtTheTimeout()
    {
        var time = new FakeTimeProvider();
        var deaf = new HungCheck("metadata", honourToken: false);
        ReadinessProbe probe = Probe(time, TimeSpan.FromMilliseconds(200), deaf);

        Task<IReadOnlyList<ReadinessResult>> run = probe.RunAsync(CancellationToken.None);
        await deaf.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Equal("no answer within 0.2 s", Assert.Single(await run.WaitAsync(TimeSpan.FromSeconds(30))).Error);
    }

    private static ReadinessProbe Probe(TimeProvider time, TimeSpan timeout, params IReadinessCheck[] checks)
        => new(checks, Options.Create(new OperationsOptions { ReadinessTimeout = timeout }), time, NullLogger<ReadinessProbe>.Instance);

    private sealed class HungCheck(string name, bool honourToken = true) : IReadinessCheck
    {
        public TaskCompletionSource<CancellationToken> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => name;

        public async ValueTask CheckAsync(CancellationToken ct)
        {
            Started.TrySetResult(ct);
            await Task.Delay(Timeout.Infinite, honourToken ? ct : CancellationToken.None);
        }
    }

    private sealed class PassingCheck(string name) : IReadinessCheck
    {
        public string Name => name;

        public ValueTask CheckAsync(CancellationToken ct) => ValueTask.CompletedTask;
    }
}
