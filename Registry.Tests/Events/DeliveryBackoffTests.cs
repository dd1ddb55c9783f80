using Registry.Api.Events;

namespace Registry.Tests.Events;

/// <summary>The wait before a retry: doubling from the initial backoff, capped, with half of it random.</summary>
public sealed class DeliveryBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Max = TimeSpan.FromHours(1);

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(10, 2560)]
    [InlineData(11, 3600)]
    [InlineData(500, 3600)]
    public void Delay_DoublesPerFailure_UpToTheMaximum_BetweenHalfAndAll(int failures, int ceilingSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(ceilingSeconds / 2.0), DeliveryBackoff.Delay(failures, Initial, Max, 0));
        Assert.Equal(TimeSpan.FromSeconds(ceilingSeconds * 0.75), DeliveryBackoff.Delay(failures, Initial, Max, 0.5));
        Assert.True(DeliveryBackoff.Delay(failures, Initial, Max, 0.999999) <= TimeSpan.FromSeconds(ceilingSeconds));
    }
}
