using Microsoft.Extensions.Options;
using Registry.Api.Auth;

namespace Registry.Tests.Auth;

public sealed class LoginThrottleWindowTests
{
    private readonly ManualTimeProvider _time = new(DateTimeOffset.Parse("2026-11-21T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly LoginThrottle _throttle;

    public LoginThrottleWindowTests()
    {
        var options = new AuthSettings();
        options.LoginThrottle = new LoginThrottleSettings { MaxFailuresPerUser = 3, MaxFailuresPerAddress = 5, Window = TimeSpan.FromMinutes(5) };
        _throttle = new LoginThrottle(Options.Create(options), _time);
    }

    [Fact]
    public void BelowTheLimit_MayTry()
    {
        _throttle.RecordFailure("alice", "10.0.0.1");
        _throttle.RecordFailure("alice", "10.0.0.1");

        Assert.Null(_throttle.RetryAfter("alice", "10.0.0.1"));
    }

    [Fact]
    public void AtTheUserLimit_WaitsUntilTheOldestFailureLeavesTheWindow()
    {
        _throttle.RecordFailure("alice", "10.0.0.1");
        _time.Advance(TimeSpan.FromMinutes(1));
        _throttle.RecordFailure("alice", "10.0.0.2");
        _throttle.RecordFailure("alice", "10.0.0.3");

        Assert.Equal(TimeSpan.FromMinutes(4), _throttle.RetryAfter("alice", "10.0.0.9"));
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Null(_throttle.RetryAfter("alice", "10.0.0.9"));
    }

    [Fact]
    public void MoreFailuresThanTheLimit_WaitOnlyUntilTheCountDropsBelowIt()
    {
        for (int i = 0; i < 5; i++)
        {
            _throttle.RecordFailure("alice", null);
            _time.Advance(TimeSpan.FromSeconds(30));
        }

        // Failures at 0:00, 0:30, 1:00, 1:30, 2:00; now 2:30. Three of five must leave: the third at 1:00 + 5:00.
        Assert.Equal(TimeSpan.FromSeconds(210), _throttle.RetryAfter("alice", null));
    }

    [Fact]
    public void AddressLimit_CoversEveryAccountFromThatAddress()
    {
        foreach (string user in new[] { "a", "b", "c", "d", "e" })
        {
            _throttle.RecordFailure(user, "10.0.0.1");
        }

        Assert.NotNull(_throttle.RetryAfter("fresh", "10.0.0.1"));
        Assert.Null(_throttle.RetryAfter("fresh", "10.0.0.2"));
    }

    [Fact]
    public void Success_ClearsTheUserButNotTheAddress()
    {
        for (int i = 0; i < 3; i++)
        {
            _throttle.RecordFailure("alice", "10.0.0.1");
        }

        _throttle.RecordSuccess("alice");

        Assert.Null(_throttle.RetryAfter("alice", "10.0.0.2"));
        _throttle.RecordFailure("bob", "10.0.0.1");
        _throttle.RecordFailure("carol", "10.0.0.1");
        Assert.NotNull(_throttle.RetryAfter("dave", "10.0.0.1"));
    }
}
