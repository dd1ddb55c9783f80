using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Storage.Metadata.Artifacts;

/// <summary>
/// The <c>settings</c> column of a remote or virtual repository: its <see cref="RemoteSource"/> or
/// <see cref="VirtualMembers"/> as JSON (null for a local repository). The password is stored as the protector
/// encrypted it.
/// </summary>
internal static partial class RepositorySettingsJson
{
    public static string? Write(ArtifactRepository repository)
    {
        Settings? settings = repository.Class switch
        {
            RepositoryClass.Remote when repository.Remote is { } r => new Settings
            {
                Url = r.Url.AbsoluteUri,
                Username = r.Username,
                ProtectedPassword = r.ProtectedPassword,
                RetrievalCachePeriodSecs = r.RetrievalCachePeriodSecs,
                MissedRetrievalCachePeriodSecs = r.MissedRetrievalCachePeriodSecs,
                Offline = r.Offline,
                UnusedArtifactsCleanupPeriodHours = r.UnusedArtifactsCleanupPeriodHours,
                Mirror = r.Mirror,
                Aliases = [.. r.Aliases],
            },
            RepositoryClass.Virtual when repository.Virtual is { } v => new Settings
            {
                Repositories = [.. v.Repositories],
                DefaultDeploymentRepo = v.DefaultDeploymentRepo,
            },
            _ => null,
        };
        return settings is null ? null : JsonSerializer.Serialize(settings, SettingsContext.Default.Settings);
    }

    public static ArtifactRepository Read(ArtifactRepository repository, string? json)
    {
        if (json is null || repository.Class == RepositoryClass.Local)
        {
            return repository;
        }

        Settings settings = JsonSerializer.Deserialize(json, SettingsContext.Default.Settings)
            ?? throw new InvalidDataException($"repository '{repository.Key}' has empty settings");
        return repository.Class == RepositoryClass.Remote
            ? repository with
            {
                Remote = new RemoteSource(
                    new Uri(settings.Url ?? throw new InvalidDataException($"remote repository '{repository.Key}' has no URL")),
                    settings.Username,
                    settings.ProtectedPassword,
                    settings.RetrievalCachePeriodSecs,
                    settings.MissedRetrievalCachePeriodSecs,
                    settings.Offline,
                    settings.UnusedArtifactsCleanupPeriodHours,
                    settings.Mirror,
                    settings.Aliases ?? []),
            }
            : repository with { Virtual = new VirtualMembers(settings.Repositories ?? [], settings.DefaultDeploymentRepo) };
    }

    internal sealed class Settings
    {
        public string? Url { get; set; }

        public string? Username { get; set; }

        public string? ProtectedPassword { get; set; }

        public int RetrievalCachePeriodSecs { get; set; }

        public int MissedRetrievalCachePeriodSecs { get; set; }

        public bool Offline { get; set; }

        public int UnusedArtifactsCleanupPeriodHours { get; set; }

        public bool Mirror { get; set; }

        public List<string>? Aliases { get; set; }

        public List<string>? Repositories { get; set; }

        public string? DefaultDeploymentRepo { get; set; }
    }

    [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonSerializable(typeof(Settings))]
    internal sealed partial class SettingsContext : JsonSerializerContext;
}
