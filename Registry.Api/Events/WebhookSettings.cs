using System.ComponentModel.DataAnnotations;

namespace Registry.Api.Events;

/// <summary>The <c>Registry:Webhooks</c> section: how events are delivered. Every setting is described in docs/configuration.md.</summary>
public sealed class WebhookSettings
{
    public const string SectionName = "Registry:Webhooks";

    /// <summary>How long a receiver may take to answer one delivery (default 10 seconds).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per delivery before it is marked failed (default 20).</summary>
    [Range(1, 10_000)]
    public int MaxAttempts { get; set; } = 20;

    /// <summary>The wait after the first failed attempt; it doubles with each further failure (default 5 seconds).</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts (default 1 hour).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each node looks for due deliveries it did not queue itself (default 1 second).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries one node sends at the same time (default 8).</summary>
    [Range(1, 1000)]
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>How often each node reloads the webhook list, to see changes made on other nodes (default 5 seconds).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long delivered and failed deliveries stay listed (default 7 days).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a node's claim on a delivery lasts: longer than any attempt can take, so only a dead node's claims lapse.</summary>
    internal TimeSpan ClaimLease => Timeout + Timeout + TimeSpan.FromSeconds(30);

    /// <summary>What is wrong with the settings, naming the setting; null when they are usable.</summary>
    internal string? Problem()
    {
        static bool Positive(TimeSpan value) => value > TimeSpan.Zero;
        return !Positive(Timeout) || Timeout > TimeSpan.FromMinutes(10) ? "Registry:Webhooks:Timeout must be above 0 and at most 10 minutes"
            : MaxAttempts is < 1 or > 10_000 ? "Registry:Webhooks:MaxAttempts must be from 1 to 10000"
            : !Positive(InitialBackoff) ? "Registry:Webhooks:InitialBackoff must be above 0"
            : MaxBackoff < InitialBackoff ? "Registry:Webhooks:MaxBackoff must be at least Registry:Webhooks:InitialBackoff"
            : !Positive(PollInterval) ? "Registry:Webhooks:PollInterval must be above 0"
            : MaxConcurrency is < 1 or > 1000 ? "Registry:Webhooks:MaxConcurrency must be from 1 to 1000"
            : !Positive(RefreshInterval) ? "Registry:Webhooks:RefreshInterval must be above 0"
            : !Positive(Retention) ? "Registry:Webhooks:Retention must be above 0"
            : null;
    }
}
