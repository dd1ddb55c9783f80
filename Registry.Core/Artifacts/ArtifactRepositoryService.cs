using Registry.Core.Access;
using Registry.Core.Changes;
using Registry.Core.Primitives;
using Registry.Core.Retention;

namespace Registry.Core.Artifacts;

/// <summary>
/// Creates, changes and deletes artifact repositories (local, remote and virtual; generic, maven and docker), and sets
/// or removes their retention policy, for <c>/api/v1</c>, Artifactory's repository configuration API and the console.
/// Its rules: a key is a namespace name and not <c>api</c> (<see cref="ArtifactRepositoryKeys"/>); the class and
/// package type never change; a description is at most <see cref="MaxDescription"/> characters; <c>allowRedeploy</c>
/// is for locals; a remote's settings follow <see cref="RemoteSourceRules"/> (its password is encrypted by
/// <see cref="ICredentialProtector"/> before it is stored), a virtual's members <see cref="VirtualMemberRules"/>; a
/// member of a virtual repository is not deleted; a repository is administered by a global admin or an admin of its
/// key, and its retention managed by a maintainer of its key. Each change is announced once
/// (<see cref="ArtifactRepositoryChanged"/>, <see cref="ArtifactRetentionChanged"/>). The retention policy's rules are
/// checked here; its cron schedule by the caller (the scheduler's library lives with the host).
/// </summary>
public sealed class ArtifactRepositoryService(IArtifactStore store, IChangeFeed feed, ICredentialProtector protector, TimeProvider time)
{
    public const int MaxDescription = 1000;

    /// <summary>Whether the caller administers the repository with this key: a global admin, or the admin role on the key as a namespace.</summary>
    public static bool MayAdminister(Permissions permissions, string key)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        return permissions.IsGlobalAdmin
            || (AccessScope.TryCreate(ScopeKind.Namespace, key, out AccessScope? scope) && (permissions.OnScope(scope.Value) & AccessAction.Administer) != 0);
    }

    /// <summary><c>generic</c>, <c>maven</c> or <c>docker</c>.</summary>
    public static string TypeName(ArtifactRepositoryType type) => RepositoryNames.Of(type);

    /// <summary>The type named (null is <c>generic</c>), or null when the name is unknown (<see cref="RepositoryNames.ParseType"/>).</summary>
    public static ArtifactRepositoryType? ParseType(string? name) => RepositoryNames.ParseType(name);

    public async ValueTask<(ArtifactChangeResult Result, ArtifactRepository? Repository)> CreateAsync(
        Actor actor, Permissions permissions, ArtifactRepositoryInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        string? key = input.Key;
        if (ArtifactRepositoryKeys.Error(key) is { } keyError)
        {
            return (new(ArtifactChangeStatus.Invalid, keyError, "key"), null);
        }

        if (RepositoryNames.ParseType(input.PackageType) is not { } type)
        {
            return (new(ArtifactChangeStatus.Invalid, $"packageType '{input.PackageType}' is unknown; use 'generic', 'maven', 'docker', 'npm', 'pypi' or 'nuget'", "packageType"), null);
        }

        if (RepositoryNames.ParseClass(input.Class) is not { } repositoryClass)
        {
            return (new(ArtifactChangeStatus.Invalid, $"rclass '{input.Class}' is unknown; use 'local', 'remote' or 'virtual'", "rclass"), null);
        }

        if (!MayAdminister(permissions, key!))
        {
            return (Denied($"{actor.Name} may not create artifact repository '{key}': that needs the admin role on '{key}' or globally"), null);
        }

        var blank = new ArtifactRepository(key!, type, false, null, time.GetUtcNow(), actor.Name) { Class = repositoryClass };
        (ArtifactRepository? repository, ArtifactChangeResult? error) = await ApplyAsync(blank, input, ct).ConfigureAwait(false);
        if (repository is null)
        {
            return (error!, null);
        }

        bool created = await feed.RecordAsync(
            c => store.CreateArtifactRepositoryAsync(repository, c),
            created => created ? [Announce(actor, repository.CreatedAt, repository, ArtifactRepositoryChange.Created)] : [],
            ct).ConfigureAwait(false);
        return created ? (ArtifactChangeResult.Done, repository) : (new(ArtifactChangeStatus.Conflict, $"artifact repository '{key}' exists already"), null);
    }

    /// <summary>
    /// Changes <paramref name="current"/> by the fields <paramref name="input"/> gives (null leaves one as it is); a
    /// key, class or package type given must be the current one.
    /// </summary>
    public async ValueTask<(ArtifactChangeResult Result, ArtifactRepository? Repository)> UpdateAsync(
        Actor actor, Permissions permissions, ArtifactRepository current, ArtifactRepositoryInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(input);
        if (!MayAdminister(permissions, current.Key))
        {
            return (Denied($"{actor.Name} may not change artifact repository '{current.Key}': that needs the admin role on '{current.Key}' or globally"), null);
        }

        string? fixedField = input.Key is not null && input.Key != current.Key ? "key"
            : input.Class is not null && input.Class != RepositoryNames.Of(current.Class) ? "rclass"
            : input.PackageType is not null && input.PackageType != RepositoryNames.Of(current.Type) ? "packageType"
            : null;
        if (fixedField is not null)
        {
            return (new(ArtifactChangeStatus.Invalid, "the key, class (rclass) and package type of an artifact repository cannot change; create another repository", fixedField), null);
        }

        (ArtifactRepository? changed, ArtifactChangeResult? error) = await ApplyAsync(current, input, ct).ConfigureAwait(false);
        if (changed is null)
        {
            return (error!, null);
        }

        bool updated = await feed.RecordAsync(
            c => store.UpdateArtifactRepositoryAsync(changed, c),
            updated => updated ? [Announce(actor, time.GetUtcNow(), changed, ArtifactRepositoryChange.Updated)] : [],
            ct).ConfigureAwait(false);
        return updated ? (ArtifactChangeResult.Done, changed) : (NoRepository(current.Key), null);
    }

    /// <summary>
    /// Deletes the repository with its files and properties (their blobs queued for garbage collection when nothing
    /// else references them); refused while a virtual repository has it as a member.
    /// </summary>
    public async ValueTask<(ArtifactChangeResult Result, ArtifactDeletion? Deleted)> DeleteAsync(Actor actor, Permissions permissions, string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayAdminister(permissions, key))
        {
            return (Denied($"{actor.Name} may not delete artifact repository '{key}': that needs the admin role on '{key}' or globally"), null);
        }

        ArtifactRepository? repository = await store.GetArtifactRepositoryAsync(key, ct).ConfigureAwait(false);
        if (repository is null)
        {
            return (NoRepository(key), null);
        }

        if (await VirtualMemberRules.VirtualsUsingAsync(store, key, ct).ConfigureAwait(false) is { Count: > 0 } virtuals)
        {
            return (new(ArtifactChangeStatus.Conflict,
                $"artifact repository '{key}' is a member of virtual repository {string.Join(", ", virtuals.Select(v => $"'{v}'"))}; remove it from there first"), null);
        }

        ArtifactDeletion? deleted = await feed.RecordAsync(
            c => store.DeleteArtifactRepositoryAsync(key, c),
            deleted => deleted is null ? [] :
                [Announce(actor, time.GetUtcNow(), repository, ArtifactRepositoryChange.Deleted) with
                {
                    Files = deleted.Files, BlobsUnreferenced = deleted.BlobsUnreferenced, BytesUnreferenced = deleted.BytesUnreferenced,
                }],
            ct).ConfigureAwait(false);
        return deleted is null ? (NoRepository(key), null) : (ArtifactChangeResult.Done, deleted);
    }

    /// <summary><paramref name="current"/> with the input's description, redeploy flag and class settings, or the refusal.</summary>
    private async ValueTask<(ArtifactRepository? Repository, ArtifactChangeResult? Error)> ApplyAsync(ArtifactRepository current, ArtifactRepositoryInput input, CancellationToken ct)
    {
        if (input.Description?.Length > MaxDescription)
        {
            return (null, new(ArtifactChangeStatus.Invalid, $"description is limited to {MaxDescription} characters", "description"));
        }

        string classText = RepositoryNames.Of(current.Class);
        if (current.Class != RepositoryClass.Remote && input.RemoteField() is { } remoteField)
        {
            return (null, new(ArtifactChangeStatus.Invalid, $"{remoteField} applies only to remote repositories; this one is {classText}", remoteField));
        }

        if (current.Class != RepositoryClass.Virtual && input.VirtualField() is { } virtualField)
        {
            return (null, new(ArtifactChangeStatus.Invalid, $"{virtualField} applies only to virtual repositories; this one is {classText}", virtualField));
        }

        if (current.Class != RepositoryClass.Local && input.AllowRedeploy == true)
        {
            return (null, new(ArtifactChangeStatus.Invalid, $"allowRedeploy applies only to local repositories; this one is {classText}", "allowRedeploy"));
        }

        ArtifactRepository changed = current with
        {
            AllowRedeploy = current.Class == RepositoryClass.Local && (input.AllowRedeploy ?? current.AllowRedeploy),
            Description = input.Description is null ? current.Description : input.Description.Length == 0 ? null : input.Description,
        };
        switch (current.Class)
        {
            case RepositoryClass.Remote:
                (RemoteSource? remote, ArtifactChangeResult? remoteError) = RemoteSourceRules.Apply(current.Remote, input, current.Type, protector);
                return remote is null ? (null, remoteError) : (changed with { Remote = remote }, null);
            case RepositoryClass.Virtual:
                (VirtualMembers? members, ArtifactChangeResult? virtualError) = await VirtualMemberRules.ApplyAsync(
                    store, current.Key, current.Type, current.Virtual, input, ct).ConfigureAwait(false);
                return members is null ? (null, virtualError) : (changed with { Virtual = members }, null);
            default:
                return (changed, null);
        }
    }

    private static ArtifactRepositoryChanged Announce(Actor actor, DateTimeOffset at, ArtifactRepository repository, ArtifactRepositoryChange change)
        => new(actor, at, repository.Key, change, repository.Type, repository.AllowRedeploy, repository.Description)
        {
            Class = repository.Class,
            Url = repository.Remote?.Url,
            Members = repository.Virtual?.Repositories,
        };

    /// <summary>
    /// Sets (replaces) the repository's retention policy; the caller validated <paramref name="schedule"/> (a cron
    /// expression, or null to run by hand only).
    /// </summary>
    public async ValueTask<(ArtifactChangeResult Result, ArtifactRetentionPolicy? Policy)> SetRetentionAsync(
        Actor actor, Permissions permissions, string key, IReadOnlyList<KeepRuleSpec>? rules, IReadOnlyList<string>? keepProperties,
        string? schedule, bool enabled, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayManageRetention(permissions, key))
        {
            return (RetentionDenied(actor, key), null);
        }

        if (ArtifactRetentionPolicy.Validate(rules, keepProperties) is { } problem)
        {
            return (new(ArtifactChangeStatus.Invalid, problem, problem.StartsWith("keepProperties", StringComparison.Ordinal) ? "keepProperties" : "rules"), null);
        }

        var policy = new ArtifactRetentionPolicy(rules!, keepProperties ?? [], actor.Name, time.GetUtcNow(), schedule, enabled);
        string described = string.Join("; ", KeepRules.CreateAll(policy.Rules).Select(r => r.Describe()));
        bool set = await feed.RecordAsync(
            c => store.SetRetentionPolicyAsync(key, policy, c),
            set => set ? [new ArtifactRetentionChanged(actor, policy.UpdatedAt, key, false, described, schedule, enabled)] : [],
            ct).ConfigureAwait(false);

        // Read after the commit: reads see only what is committed.
        return set && await store.GetRetentionPolicyAsync(key, ct).ConfigureAwait(false) is { } stored
            ? (ArtifactChangeResult.Done, stored)
            : (NoRepository(key), null);
    }

    public async ValueTask<ArtifactChangeResult> RemoveRetentionAsync(Actor actor, Permissions permissions, string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayManageRetention(permissions, key))
        {
            return RetentionDenied(actor, key);
        }

        bool removed = await feed.RecordAsync(
            c => store.RemoveRetentionPolicyAsync(key, c),
            removed => removed ? [new ArtifactRetentionChanged(actor, time.GetUtcNow(), key, true, null, null, false)] : [],
            ct).ConfigureAwait(false);
        return removed ? ArtifactChangeResult.Done : new ArtifactChangeResult(ArtifactChangeStatus.NotFound, $"artifact repository '{key}' has no retention policy");
    }

    /// <summary>Whether the caller may change or run the repository's retention: the maintainer role on its key.</summary>
    public static bool MayManageRetention(Permissions permissions, string key)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        return RepositoryName.TryParse(key, out RepositoryName? name) && permissions.Allows(name, AccessAction.Manage);
    }

    private static ArtifactChangeResult RetentionDenied(Actor actor, string key)
        => Denied($"{actor.Name} may not manage retention of '{key}': that needs the maintainer role on '{key}'");

    private static ArtifactChangeResult Denied(string message) => new(ArtifactChangeStatus.Denied, message);

    private static ArtifactChangeResult NoRepository(string key) => new(ArtifactChangeStatus.NotFound, $"artifact repository '{key}' does not exist");
}
