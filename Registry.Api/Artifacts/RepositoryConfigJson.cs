using System.Text.Json;
using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>
/// Artifactory's repository configuration JSON: read into the service's input (fields this registry does not know
/// are ignored, as Artifactory ignores many; a known field of the wrong JSON type is an error), and written for
/// <c>GET /api/repositories/{key}</c> and the list. A password is read, never written: only <c>hasPassword</c>.
/// </summary>
internal static class RepositoryConfigJson
{
    /// <summary>The input, or the message for a body that is not a JSON object or has a field of the wrong type.</summary>
    public static (ArtifactRepositoryInput? Input, string? Error) Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "the repository configuration must be a JSON object");
        }

        try
        {
            return (new ArtifactRepositoryInput
            {
                Key = Text(body, "key"),
                Class = Text(body, "rclass")?.ToLowerInvariant(),
                PackageType = Text(body, "packageType")?.ToLowerInvariant(),
                Description = Text(body, "description"),
                AllowRedeploy = Flag(body, "allowRedeploy"),
                Url = Text(body, "url"),
                Username = Text(body, "username"),
                Password = Text(body, "password"),
                RetrievalCachePeriodSecs = Number(body, "retrievalCachePeriodSecs"),
                MissedRetrievalCachePeriodSecs = Number(body, "missedRetrievalCachePeriodSecs"),
                Offline = Flag(body, "offline"),
                UnusedArtifactsCleanupPeriodHours = Number(body, "unusedArtifactsCleanupPeriodHours"),
                Mirror = Flag(body, "mirror"),
                Aliases = Texts(body, "aliases"),
                Repositories = Texts(body, "repositories"),
                DefaultDeploymentRepo = Text(body, "defaultDeploymentRepo"),
            }, null);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>The configuration of one repository, with the fields of its class.</summary>
    public static Dictionary<string, object?> Config(ArtifactRepository repository)
    {
        var config = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["key"] = repository.Key,
            ["rclass"] = RepositoryNames.Of(repository.Class),
            ["packageType"] = RepositoryNames.Of(repository.Type),
            ["description"] = repository.Description ?? string.Empty,
        };
        switch (repository.Class)
        {
            case RepositoryClass.Remote when repository.Remote is { } remote:
                config["url"] = remote.Url.OriginalString;
                config["username"] = remote.Username ?? string.Empty;
                config["hasPassword"] = remote.HasPassword;
                config["retrievalCachePeriodSecs"] = remote.RetrievalCachePeriodSecs;
                config["missedRetrievalCachePeriodSecs"] = remote.MissedRetrievalCachePeriodSecs;
                config["offline"] = remote.Offline;
                config["unusedArtifactsCleanupPeriodHours"] = remote.UnusedArtifactsCleanupPeriodHours;
                config["mirror"] = remote.Mirror;
                config["aliases"] = remote.Aliases;
                break;
            case RepositoryClass.Virtual:
                config["repositories"] = repository.Virtual?.Repositories ?? [];
                config["defaultDeploymentRepo"] = repository.Virtual?.DefaultDeploymentRepo;
                break;
            default:
                config["allowRedeploy"] = repository.AllowRedeploy;
                break;
        }

        return config;
    }

    /// <summary>
    /// One entry of <c>GET /api/repositories</c>: <c>type</c> in capitals as Artifactory writes it, and <c>url</c> the
    /// upstream of a remote, else where clients reach the repository here.
    /// </summary>
    public static object ListEntry(HttpContext context, ArtifactRepository repository) => new
    {
        key = repository.Key,
        type = RepositoryNames.Of(repository.Class).ToUpperInvariant(),
        packageType = RepositoryNames.Of(repository.Type),
        description = repository.Description,
        url = repository.Remote?.Url.OriginalString ?? $"{ArtifactServices.BaseUri(context)}/{repository.Key}",
    };

    private static string? Text(JsonElement body, string name) => Field(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw new FormatException($"'{name}' must be a string"),
    };

    private static bool? Flag(JsonElement body, string name) => Field(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw new FormatException($"'{name}' must be true or false"),
    };

    private static int? Number(JsonElement body, string name) => Field(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out int number) => number,
        _ => throw new FormatException($"'{name}' must be a whole number"),
    };

    private static List<string>? Texts(JsonElement body, string name)
    {
        if (Field(body, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw new FormatException($"'{name}' must be an array of strings");
        }

        return [.. value.EnumerateArray().Select(e => e.GetString()!)];
    }

    /// <summary>The field's value; a JSON null counts as absent.</summary>
    private static JsonElement? Field(JsonElement body, string name)
        => body.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
