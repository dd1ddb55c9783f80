namespace Registry.Api.Events;

/// <summary>
/// When to try a failed delivery again: <see cref="WebhookSettings.InitialBackoff"/> doubled for every failure
/// after the first, capped at <see cref="WebhookSettings.MaxBackoff"/>, then "equal jitter": half of it fixed, the
/// other half random, so receivers coming back from an outage are not hit by every node at the same moment.
/// </summary>
internal static class DeliveryBackoff
{
    /// <param name="failures">Failed attempts so far (at least 1).</param>
    /// <param name="random">A number in [0, 1).</param>
    public static TimeSpan Delay(int failures, TimeSpan initial, TimeSpan max, double random)
    {
        double factor = Math.Pow(2, Math.Clamp(failures - 1, 0, 62));
        double ceiling = Math.Min(initial.TotalMilliseconds * factor, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((ceiling / 2) + (ceiling / 2 * random));
    }
}
