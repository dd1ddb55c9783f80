using Registry.Core.Access;

namespace Registry.Core.Artifacts;

/// <summary>Which artifact repository keys are allowed: a namespace name (roles are granted on it), not a reserved word.</summary>
public static class ArtifactRepositoryKeys
{
    public const string Api = "api";

    public static string? Error(string? key)
    {
        if (key == Api)
        {
            return "'api' is reserved for /artifactory/api/";
        }

        return AccessScope.TryCreate(ScopeKind.Namespace, key, out _)
            ? null
            : $"'{key}' is not a valid repository key: lowercase letters and digits separated by '.', '_', '__' or '-' (it is the namespace roles are granted on)";
    }
}
