using Registry.Core.Access;
using Registry.Core.Changes;
using Registry.Core.Primitives;
using Registry.Core.Retention;

namespace Registry.Core.Artifacts;

/// <summary>
/// Creates, changes and deletes artifact repositories, and sets or removes their retention policy, for
/// <c>/api/v1</c> (and any later entry point). Its rules: a key is a namespace name and not <c>api</c>
/// (<see cref="ArtifactRepositoryKeys"/>), the type is <c>generic</c> or <c>maven</c> and never changes, a description
/// is at most <see cref="MaxDescription"/> characters, a repository is administered by a global admin or an admin of
/// its key, and its retention managed by a maintainer of its key. Each change is announced once
/// (<see cref="ArtifactRepositoryChanged"/>, <see cref="ArtifactRetentionChanged"/>). The retention policy's rules are
/// checked here; its cron schedule by the caller (the scheduler's library lives with the host).
/// </summary>
public sealed class ArtifactRepositoryService(IArtifactStore store, IChangeFeed feed, TimeProvider time)
{
    public const int MaxDescription = 1000;

    /// <summary>Whether the caller administers the repository with this key: a global admin, or the admin role on the key as a namespace.</summary>
    public static bool MayAdminister(Permissions permissions, string key)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        return permissions.IsGlobalAdmin
            || (AccessScope.TryCreate(ScopeKind.Namespace, key, out AccessScope? scope) && (permissions.OnScope(scope.Value) & AccessAction.Administer) != 0);
    }

    /// <summary><c>generic</c> or <c>maven</c>.</summary>
    public static string TypeName(ArtifactRepositoryType type) => type == ArtifactRepositoryType.Maven ? "maven" : "generic";

    /// <summary>The type named (null is <c>generic</c>), or null when the name is unknown.</summary>
    public static ArtifactRepositoryType? ParseType(string? name) => name switch
    {
        null or "generic" => ArtifactRepositoryType.Generic,
        "maven" => ArtifactRepositoryType.Maven,
        _ => null,
    };

    public async ValueTask<(ArtifactChangeResult Result, ArtifactRepository? Repository)> CreateAsync(
        Actor actor, Permissions permissions, string? key, string? type, bool allowRedeploy, string? description, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (ArtifactRepositoryKeys.Error(key) is { } keyError)
        {
            return (new(ArtifactChangeStatus.Invalid, keyError, "key"), null);
        }

        if (ParseType(type) is not { } parsed)
        {
            return (new(ArtifactChangeStatus.Invalid, $"type '{type}' is unknown; use 'generic' or 'maven'", "type"), null);
        }

        if (description?.Length > MaxDescription)
        {
            return (new(ArtifactChangeStatus.Invalid, $"description is limited to {MaxDescription} characters", "description"), null);
        }

        if (!MayAdminister(permissions, key!))
        {
            return (Denied($"{actor.Name} may not create artifact repository '{key}': that needs the admin role on '{key}' or globally"), null);
        }

        var repository = new ArtifactRepository(key!, parsed, allowRedeploy, description, time.GetUtcNow(), actor.Name);
        bool created = await feed.RecordAsync(
            c => store.CreateArtifactRepositoryAsync(repository, c),
            created => created
                ? [new ArtifactRepositoryChanged(actor, repository.CreatedAt, repository.Key, ArtifactRepositoryChange.Created, parsed, allowRedeploy, description)]
                : [],
            ct).ConfigureAwait(false);
        return created ? (ArtifactChangeResult.Done, repository) : (new(ArtifactChangeStatus.Conflict, $"artifact repository '{key}' exists already"), null);
    }

    /// <summary>
    /// Changes the redeploy flag and description of <paramref name="current"/> (null leaves one as it is); a key or
    /// type given must be the current one.
    /// </summary>
    public async ValueTask<(ArtifactChangeResult Result, ArtifactRepository? Repository)> UpdateAsync(
        Actor actor, Permissions permissions, ArtifactRepository current, string? key, string? type, bool? allowRedeploy, string? description, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(current);
        if (!MayAdminister(permissions, current.Key))
        {
            return (Denied($"{actor.Name} may not change artifact repository '{current.Key}': that needs the admin role on '{current.Key}' or globally"), null);
        }

        if ((key is not null && key != current.Key) || (type is not null && type != TypeName(current.Type)))
        {
            return (new(ArtifactChangeStatus.Invalid, "the key and type of an artifact repository cannot change; create another repository", key is not null && key != current.Key ? "key" : "type"), null);
        }

        if (description?.Length > MaxDescription)
        {
            return (new(ArtifactChangeStatus.Invalid, $"description is limited to {MaxDescription} characters", "description"), null);
        }

        ArtifactRepository changed = current with
        {
            AllowRedeploy = allowRedeploy ?? current.AllowRedeploy,
            Description = description ?? current.Description,
        };
        bool updated = await feed.RecordAsync(
            c => store.UpdateArtifactRepositoryAsync(changed, c),
            updated => updated
                ? [new ArtifactRepositoryChanged(actor, time.GetUtcNow(), changed.Key, ArtifactRepositoryChange.Updated, changed.Type, changed.AllowRedeploy, changed.Description)]
                : [],
            ct).ConfigureAwait(false);
        return updated ? (ArtifactChangeResult.Done, changed) : (NoRepository(current.Key), null);
    }

    /// <summary>Deletes the repository with its files and properties (their blobs queued for garbage collection when nothing else references them).</summary>
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

        ArtifactDeletion? deleted = await feed.RecordAsync(
            c => store.DeleteArtifactRepositoryAsync(key, c),
            deleted => deleted is null ? [] :
                [new ArtifactRepositoryChanged(actor, time.GetUtcNow(), key, ArtifactRepositoryChange.Deleted, repository.Type, repository.AllowRedeploy, repository.Description,
                    deleted.Files, deleted.BlobsUnreferenced, deleted.BytesUnreferenced)],
            ct).ConfigureAwait(false);
        return deleted is null ? (NoRepository(key), null) : (ArtifactChangeResult.Done, deleted);
    }

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
