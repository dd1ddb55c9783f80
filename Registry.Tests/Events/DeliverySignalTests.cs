using Microsoft.Extensions.Time.Testing;
using Registry.Api.Events;

namespace Registry.Tests.Events;

/// <summary>The delivery worker's wake-up: a signal, or the poll interval on the registry's clock, whichever comes first.</summary>
public sealed class DeliverySignalTests
{
    [Fact]
    public async Task AWait_EndsWhenTheRegistrysClockPassesTheInterval_NotTheRealOne()
    {
        var time = new FakeTimeProvider();
        var signal = new DeliverySignal();

        Task wait = signal.WaitAsync(TimeSpan.FromMinutes(10), time, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(1));

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ASet_WakesAWait_AndOneAfterATimedOutWait_IsNotLost()
    {
        var time = new FakeTimeProvider();
        var signal = new DeliverySignal();

        Task first = signal.WaitAsync(TimeSpan.FromMinutes(10), time, CancellationToken.None);
        signal.Set();
        await first.WaitAsync(TimeSpan.FromSeconds(10));

        // The semaphore drops a timed-out waiter a moment after its timeout: repeat, so a Set that goes to a waiter
        // already given up on (and is lost) shows.
        for (int i = 0; i < 200; i++)
        {
            Task timedOut = signal.WaitAsync(TimeSpan.FromSeconds(1), time, CancellationToken.None);
            time.Advance(TimeSpan.FromSeconds(1));
            await timedOut.WaitAsync(TimeSpan.FromSeconds(10));

            signal.Set();
            Task next = signal.WaitAsync(TimeSpan.FromMinutes(10), time, CancellationToken.None);
            await next.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task AWait_EndsWithTheWorkerStopping()
    {
        var signal = new DeliverySignal();
        using var stopping = new CancellationTokenSource();

        Task wait = signal.WaitAsync(TimeSpan.FromMinutes(10), new FakeTimeProvider(), stopping.Token);
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
