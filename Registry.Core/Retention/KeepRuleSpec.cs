namespace Registry.Core.Retention;

/// <summary>
/// A keep rule as policies store it and the API writes it: its <see cref="Kind"/> (see <see cref="KeepRules"/>) and
/// the settings that kind takes; the others stay null (or false).
/// </summary>
public sealed record KeepRuleSpec(
    string Kind,
    int? Count = null,
    string? Pattern = null,
    TimeSpan? PushedWithin = null,
    TimeSpan? PulledWithin = null,
    bool PerMajor = false,
    bool IncludePreReleases = false);
