namespace Registry.Core.Artifacts;

/// <summary>
/// The rules of a virtual repository's members: each exists, is a local or remote repository (no virtual in a
/// virtual) of the virtual's package type, and is named once; the default deployment repository is a local member.
/// </summary>
public static class VirtualMemberRules
{
    public const int MaxMembers = 64;

    /// <summary><paramref name="current"/> (null on create) changed by <paramref name="input"/>, or the refusal with the field at fault.</summary>
    public static async ValueTask<(VirtualMembers? Members, ArtifactChangeResult? Error)> ApplyAsync(
        IArtifactStore store, string key, ArtifactRepositoryType type, VirtualMembers? current, ArtifactRepositoryInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(input);
        IReadOnlyList<string> repositories = input.Repositories ?? current?.Repositories ?? [];
        string? deployTo = input.DefaultDeploymentRepo is null ? current?.DefaultDeploymentRepo
            : input.DefaultDeploymentRepo.Length == 0 ? null : input.DefaultDeploymentRepo;
        if (repositories.Count > MaxMembers)
        {
            return (null, Invalid($"a virtual repository has at most {MaxMembers} members", "repositories"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var members = new Dictionary<string, ArtifactRepository>(StringComparer.Ordinal);
        foreach (string member in repositories)
        {
            if (!seen.Add(member))
            {
                return (null, Invalid($"repository '{member}' is named twice in repositories", "repositories"));
            }

            if (member == key)
            {
                return (null, Invalid($"virtual repository '{key}' cannot be its own member", "repositories"));
            }

            if (ArtifactRepositoryKeys.Error(member) is not null || await store.GetArtifactRepositoryAsync(member, ct).ConfigureAwait(false) is not { } found)
            {
                return (null, Invalid($"member repository '{member}' does not exist", "repositories"));
            }

            if (found.Class == RepositoryClass.Virtual)
            {
                return (null, Invalid($"member repository '{member}' is virtual; a virtual repository's members are local or remote", "repositories"));
            }

            if (found.Type != type)
            {
                return (null, Invalid(
                    $"member repository '{member}' is {RepositoryNames.Of(found.Type)}; the members of a {RepositoryNames.Of(type)} virtual repository are {RepositoryNames.Of(type)}", "repositories"));
            }

            members[member] = found;
        }

        if (deployTo is not null && (!members.TryGetValue(deployTo, out ArtifactRepository? target) || target.Class != RepositoryClass.Local))
        {
            return (null, Invalid($"defaultDeploymentRepo '{deployTo}' must be a local member of the virtual repository", "defaultDeploymentRepo"));
        }

        return (new VirtualMembers([.. repositories], deployTo), null);
    }

    /// <summary>The virtual repositories <paramref name="key"/> is a member of.</summary>
    public static async ValueTask<IReadOnlyList<string>> VirtualsUsingAsync(IArtifactStore store, string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        IReadOnlyList<ArtifactRepository> all = await store.ListArtifactRepositoriesAsync(ct).ConfigureAwait(false);
        return [.. all.Where(r => r.Virtual is { } v && v.Repositories.Contains(key, StringComparer.Ordinal)).Select(r => r.Key)];
    }

    private static ArtifactChangeResult Invalid(string message, string field) => new(ArtifactChangeStatus.Invalid, message, field);
}
