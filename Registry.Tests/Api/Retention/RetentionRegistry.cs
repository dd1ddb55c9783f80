using Microsoft.Extensions.DependencyInjection;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Retention;

/// <summary>
/// A registry whose clock the tests move (<see cref="Clock"/>), so tags can be pushed weeks apart; the scheduler's
/// own poll is an hour away, so tests drive it directly and nothing runs behind their back.
/// </summary>
public sealed class RetentionRegistry : AuthRegistry
{
    public RetentionRegistry()
        : this(new ManualClock(TimeProvider.System.GetUtcNow()))
    {
    }

    private RetentionRegistry(ManualClock clock)
        : base(new Dictionary<string, string> { ["Registry:Retention:PollInterval"] = "01:00:00" }, services => services.AddSingleton<TimeProvider>(clock))
        => Clock = clock;

    public ManualClock Clock { get; }
}
