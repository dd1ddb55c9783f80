using System.Text.Json.Serialization;

namespace Registry.Core.Retention;

/// <summary>
/// A keep rule as policies store it and the API writes it: its <see cref="Kind"/> (see <see cref="KeepRules"/>) and
/// the settings that kind takes; the others stay null (or false) and are left out of JSON.
/// </summary>
public sealed record KeepRuleSpec(
    string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int? Count = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] string? Pattern = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] TimeSpan? PushedWithin = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] TimeSpan? PulledWithin = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool PerMajor = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool IncludePreReleases = false);
