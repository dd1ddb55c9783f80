using System.Text.Json;
using System.Text.Json.Serialization;
using Registry.Core.Replication;
using Registry.Core.Transfer;

namespace Registry.Storage.Metadata.Replication;

/// <summary>
/// The <c>settings</c> column of a replication rule: the other registry (URL, username, encrypted password), the
/// filter as its text parts, the namespace mapping and the triggers, as JSON.
/// </summary>
internal static partial class ReplicationSettingsJson
{
    public static string Write(ReplicationRule rule) => JsonSerializer.Serialize(new Settings
    {
        Url = rule.Peer.Url.AbsoluteUri,
        Username = rule.Peer.Username,
        ProtectedPassword = rule.Peer.ProtectedPassword,
        Repositories = [.. rule.Filter.Repositories.Select(r => r.Text)],
        Tags = [.. rule.Filter.Tags.Select(t => t.Text)],
        Versions = rule.Filter.Versions?.Text,
        IncludeUntagged = rule.Filter.IncludeUntagged,
        ArtifactRepositories = rule.Filter.ArtifactRepositories.Count == 0 ? null : [.. rule.Filter.ArtifactRepositories.Select(r => r.Text)],
        ArtifactPaths = rule.Filter.ArtifactRepositories.Count == 0 ? null : [.. rule.Filter.ArtifactPaths.Select(r => r.Text)],
        MappingMode = (int)rule.Mapping.Mode,
        MappingFrom = rule.Mapping.From,
        MappingTo = rule.Mapping.To,
        OnPush = rule.Triggers.OnPush,
        Cron = rule.Triggers.Cron,
        Manual = rule.Triggers.Manual,
    }, ReplicationSettingsContext.Default.Settings);

    public static ReplicationRule Read(
        string name, ReplicationDirection direction, string json, bool overwrite, bool propagateDeletes, bool enabled,
        string createdBy, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        Settings settings = JsonSerializer.Deserialize(json, ReplicationSettingsContext.Default.Settings)
            ?? throw new InvalidDataException($"replication rule '{name}' has empty settings");
        if (TransferFilter.TryCreate(
                settings.Repositories, settings.Tags, settings.Versions, settings.IncludeUntagged, settings.ArtifactRepositories, settings.ArtifactPaths, out TransferFilter? filter) is { } problem)
        {
            throw new InvalidDataException($"replication rule '{name}' has a filter that no longer parses: {problem}");
        }

        return new ReplicationRule(
            name,
            direction,
            new ReplicationPeer(new Uri(settings.Url ?? throw new InvalidDataException($"replication rule '{name}' has no URL")), settings.Username, settings.ProtectedPassword),
            filter!,
            new NamespaceMapping((NamespaceMappingMode)settings.MappingMode, settings.MappingFrom ?? string.Empty, settings.MappingTo ?? string.Empty),
            new ReplicationTriggers(settings.OnPush, settings.Cron, settings.Manual),
            overwrite,
            propagateDeletes,
            enabled,
            createdBy,
            createdAt,
            updatedAt);
    }

    internal sealed class Settings
    {
        public string? Url { get; set; }

        public string? Username { get; set; }

        public string? ProtectedPassword { get; set; }

        public List<string>? Repositories { get; set; }

        public List<string>? Tags { get; set; }

        public string? Versions { get; set; }

        public bool IncludeUntagged { get; set; }

        public List<string>? ArtifactRepositories { get; set; }

        public List<string>? ArtifactPaths { get; set; }

        public int MappingMode { get; set; }

        public string? MappingFrom { get; set; }

        public string? MappingTo { get; set; }

        public bool OnPush { get; set; }

        public string? Cron { get; set; }

        public bool Manual { get; set; }
    }

    [JsonSerializable(typeof(Settings))]
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    internal sealed partial class ReplicationSettingsContext : JsonSerializerContext;
}
