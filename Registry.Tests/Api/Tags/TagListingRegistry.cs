using Microsoft.Extensions.DependencyInjection;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Tags;

/// <summary>
/// The auth tests' registry on a clock the tag listing tests move (<see cref="Clock"/>), so that each push gets a
/// push time of its own without waiting for one. It starts at the current time in whole milliseconds, as the stores
/// keep times.
/// </summary>
public sealed class TagListingRegistry : AuthRegistry
{
    public TagListingRegistry()
        : this(new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds())))
    {
    }

    private TagListingRegistry(ManualClock clock)
        : base(new Dictionary<string, string>(), services => services.AddSingleton<TimeProvider>(clock))
        => Clock = clock;

    public ManualClock Clock { get; }
}
