using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Registry.Api.Auth;
using Registry.Core.Access;
using Registry.Tests.Storage;
using Registry.Tests.Support;

namespace Registry.Tests.Auth;

/// <summary>
/// How node B learns that a CI token was revoked on node A (two store instances on one database): B's access cache
/// still holds the token as active until its <see cref="AccessVersionWatcher"/> ticks, one
/// <see cref="AuthSettings.AccessRefreshInterval"/> later on B's clock, and sees the store's access version moved.
/// That is what bounds how long a JWT minted for the token still passes <c>OnTokenValidated</c> on B.
/// </summary>
public sealed class RevocationPropagationTests : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly MetadataTestStores _stores = new();

    [Theory, MetadataBackends]
    public async Task CiTokenRevokedOnNodeA_IsInactiveOnNodeB_AfterOneRefreshInterval(MetadataBackend backend)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var nodes = await _stores.CreateNodesAsync(backend, 2, time);
        var nodeA = (IAccessStore)nodes[0];
        var nodeB = (IAccessStore)nodes[1];
        DateTimeOffset now = time.GetUtcNow();
        Assert.True(await nodeA.CreateUserAsync(new UserRecord("owner", "hash", false, now, now), CancellationToken.None));
        var token = new CiTokenRecord("tok1", "ci-fleet", "owner", CiTokenSecret.Hash(CiTokenSecret.Generate().Secret), ["team"], AccessAction.Pull, now, now.AddDays(30), null, null);
        Assert.True(await nodeA.CreateCiTokenAsync(token, CancellationToken.None));

        IOptions<AuthSettings> options = Options.Create(new AuthSettings { AccessRefreshInterval = Interval });
        var directoryB = new AccessDirectory(nodeB, options);
        var keysB = new SigningKeyRing(nodeB, new RecordingChangeFeed(), options, time, NullLogger<SigningKeyRing>.Instance);
        using var watcherB = new AccessVersionWatcher(directoryB, keysB, options, time, NullLogger<AccessVersionWatcher>.Instance);
        await directoryB.RefreshAsync(CancellationToken.None);
        await watcherB.StartAsync(CancellationToken.None);
        Caller caller = Caller.ForCiToken(token);
        Assert.True(await directoryB.IsActiveAsync(caller, now, CancellationToken.None));

        Assert.True(await nodeA.RevokeCiTokenAsync(token.Id, now, CancellationToken.None));
        long generation = directoryB.Generation;
        time.Advance(Interval - TimeSpan.FromMilliseconds(1));

        // Before the watcher's tick, B answers from its cache.
        Assert.True(await directoryB.IsActiveAsync(caller, time.GetUtcNow(), CancellationToken.None));

        time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitForAsync(() => directoryB.Generation != generation, "node B's watcher to drop the access cache after one interval",
            () => time.Advance(Interval));

        Assert.False(await directoryB.IsActiveAsync(caller, time.GetUtcNow(), CancellationToken.None));
        await watcherB.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// Waits (in real time, briefly) for the watcher's background loop to finish the tick the clock triggered. The loop
    /// runs on the thread pool (BackgroundService), so on a busy machine it may create its timer only after the test
    /// moved the clock; such a timer is due one interval later, so <paramref name="nudge"/> moves the clock on again
    /// after a while without the tick.
    /// </summary>
    private static async Task WaitForAsync(Func<bool> condition, string what, Action? nudge = null)
    {
        long started = Stopwatch.GetTimestamp();
        long lastNudge = started;
        while (!condition())
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(20), $"Timed out waiting for {what}.");
            if (nudge is not null && Stopwatch.GetElapsedTime(lastNudge) > TimeSpan.FromSeconds(1))
            {
                nudge();
                lastNudge = Stopwatch.GetTimestamp();
            }

            await Task.Delay(10);
        }
    }

    public ValueTask DisposeAsync() => _stores.DisposeAsync();
}
