using System.Text.RegularExpressions;
using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Core.Changes;
using Registry.Core.Primitives;
using Registry.Core.Transfer;

namespace Registry.Core.Replication;

/// <summary>
/// Creates, changes and deletes replication rules for the management API and the console. Its rules: only a global
/// admin may; a name (<see cref="NamePattern"/>) is taken once and never changes; the other registry's URL is an
/// absolute http(s) base URL without credentials, path, query or fragment; a password needs a username and is
/// encrypted by <see cref="ICredentialProtector"/> before it is stored; the filter follows <see cref="TransferFilter"/>,
/// the mapping <see cref="NamespaceMapping"/>; a cron schedule must fire (<see cref="IScheduleCheck"/>); the on-push
/// trigger is for push rules (a pull rule does not see the other registry's pushes). Each change is announced once
/// (<see cref="ReplicationRuleChanged"/>).
/// </summary>
public sealed partial class ReplicationService(IReplicationStore store, IChangeFeed feed, ICredentialProtector protector, IScheduleCheck schedules, TimeProvider time)
{
    public const string DeniedMessage = "replication needs the global admin role";

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9._-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    public async ValueTask<(ReplicationChangeResult Result, ReplicationRule? Rule)> CreateAsync(
        Actor actor, Permissions permissions, ReplicationRuleInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(input);
        if (!permissions.IsGlobalAdmin)
        {
            return (Denied, null);
        }

        if (input.Name is not { } name || !NamePattern().IsMatch(name))
        {
            return (Invalid($"name '{input.Name}' must be 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit", "name"), null);
        }

        if (input.Url is null)
        {
            return (Invalid("registry url is required", "registry.url"), null);
        }

        DateTimeOffset now = time.GetUtcNow();
        var blank = new ReplicationRule(name, ReplicationDirection.Push, new ReplicationPeer(new Uri("http://localhost/"), null, null),
            new TransferFilter([RepositoryGlob.All], [TagSelector.All], null, false), NamespaceMapping.Identity, ReplicationTriggers.ManualOnly,
            Overwrite: false, PropagateDeletes: false, Enabled: true, actor.Name, now, now);
        (ReplicationRule? rule, ReplicationChangeResult? error) = Apply(blank, input, now);
        if (rule is null)
        {
            return (error!, null);
        }

        bool created = await feed.RecordAsync(
            c => store.CreateReplicationRuleAsync(rule, c),
            created => created ? [new ReplicationRuleChanged(actor, now, rule, ReplicationRuleChange.Created, rule.Peer.HasPassword)] : [],
            ct).ConfigureAwait(false);
        return created ? (ReplicationChangeResult.Done, rule) : (new(ReplicationChangeStatus.Conflict, $"a replication rule named '{name}' exists already"), null);
    }

    /// <summary>Changes the rule named <paramref name="name"/> by the fields <paramref name="input"/> gives; a name given must be the current one.</summary>
    public async ValueTask<(ReplicationChangeResult Result, ReplicationRule? Rule)> UpdateAsync(
        Actor actor, Permissions permissions, string name, ReplicationRuleInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(input);
        if (!permissions.IsGlobalAdmin)
        {
            return (Denied, null);
        }

        if (await store.GetReplicationRuleAsync(name, ct).ConfigureAwait(false) is not { } current)
        {
            return (NotFound(name), null);
        }

        if (input.Name is not null && input.Name != current.Name)
        {
            return (Invalid("the name of a replication rule cannot change; create another rule", "name"), null);
        }

        DateTimeOffset now = time.GetUtcNow();
        (ReplicationRule? rule, ReplicationChangeResult? error) = Apply(current with { UpdatedAt = now }, input, now);
        if (rule is null)
        {
            return (error!, null);
        }

        bool updated = await feed.RecordAsync(
            c => store.UpdateReplicationRuleAsync(rule, c),
            updated => updated ? [new ReplicationRuleChanged(actor, now, rule, ReplicationRuleChange.Updated, input.Password is not null)] : [],
            ct).ConfigureAwait(false);
        return updated ? (ReplicationChangeResult.Done, rule) : (NotFound(name), null);
    }

    public async ValueTask<ReplicationChangeResult> DeleteAsync(Actor actor, Permissions permissions, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(permissions);
        if (!permissions.IsGlobalAdmin)
        {
            return Denied;
        }

        if (await store.GetReplicationRuleAsync(name, ct).ConfigureAwait(false) is not { } rule)
        {
            return NotFound(name);
        }

        bool deleted = await feed.RecordAsync(
            c => store.DeleteReplicationRuleAsync(name, c),
            deleted => deleted ? [new ReplicationRuleChanged(actor, time.GetUtcNow(), rule, ReplicationRuleChange.Deleted, false)] : [],
            ct).ConfigureAwait(false);
        return deleted ? ReplicationChangeResult.Done : NotFound(name);
    }

    /// <summary>
    /// Whether the caller may start a run of <paramref name="rule"/> by hand now: global admins only, and only an enabled
    /// rule whose triggers include <c>manual</c> (a run under way is told by the run's lease, not here).
    /// </summary>
    public static ReplicationChangeResult CheckManualRun(Permissions permissions, ReplicationRule rule)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(rule);
        if (!permissions.IsGlobalAdmin)
        {
            return Denied;
        }

        if (!rule.Enabled)
        {
            return new(ReplicationChangeStatus.Conflict, $"replication rule '{rule.Name}' is disabled");
        }

        return rule.Triggers.Manual
            ? ReplicationChangeResult.Done
            : new(ReplicationChangeStatus.Conflict, $"replication rule '{rule.Name}' does not run by hand (triggers.manual is false)");
    }

    /// <summary>The password of the rule's peer in clear text; null when it has none or it cannot be decrypted.</summary>
    public string? PasswordOf(ReplicationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Peer.ProtectedPassword is { } protectedPassword ? protector.Unprotect(protectedPassword) : null;
    }

    private (ReplicationRule? Rule, ReplicationChangeResult? Error) Apply(ReplicationRule current, ReplicationRuleInput input, DateTimeOffset now)
    {
        ReplicationDirection direction = current.Direction;
        if (input.Direction is not null)
        {
            switch (input.Direction)
            {
                case "push":
                    direction = ReplicationDirection.Push;
                    break;
                case "pull":
                    direction = ReplicationDirection.Pull;
                    break;
                default:
                    return (null, Invalid($"direction '{input.Direction}' is unknown; use 'push' or 'pull'", "direction"));
            }
        }

        (ReplicationPeer? peer, ReplicationChangeResult? peerError) = ApplyPeer(current.Peer, input);
        if (peer is null)
        {
            return (null, peerError);
        }

        TransferFilter filter = current.Filter;
        if (input.Filter is { } f)
        {
            if (TransferFilter.TryCreate(f.Repositories, f.Tags, f.Versions, f.IncludeUntagged, f.ArtifactRepositories, f.ArtifactPaths, out TransferFilter? parsed) is { } filterError)
            {
                return (null, Invalid(filterError, "filter"));
            }

            filter = parsed!;
        }

        NamespaceMapping mapping = current.Mapping;
        if (input.Mapping is { } m)
        {
            (NamespaceMapping? parsed, string? mappingError) = NamespaceMapping.Create(m.Mode, m.From, m.To);
            if (parsed is null)
            {
                return (null, Invalid(mappingError!, "mapping"));
            }

            mapping = parsed;
        }

        ReplicationTriggers triggers = current.Triggers;
        if (input.Triggers is { } t)
        {
            string? cron = string.IsNullOrWhiteSpace(t.Cron) ? null : t.Cron.Trim();
            if (cron is not null && schedules.Validate(cron, now) is { } cronError)
            {
                return (null, Invalid(cronError, "triggers.cron"));
            }

            triggers = new ReplicationTriggers(t.OnPush, cron, t.Manual ?? true);
        }

        if (triggers.OnPush && direction == ReplicationDirection.Pull)
        {
            return (null, Invalid("the onPush trigger is for push rules; a pull rule runs on a cron schedule or by hand", "triggers.onPush"));
        }

        if (filter.IncludeUntagged && direction == ReplicationDirection.Pull)
        {
            return (null, Invalid("includeUntagged is for push rules: a registry lists only its tags, so a pull rule cannot find untagged manifests", "filter.includeUntagged"));
        }

        return (current with
        {
            Direction = direction,
            Peer = peer,
            Filter = filter,
            Mapping = mapping,
            Triggers = triggers,
            Overwrite = input.Overwrite ?? current.Overwrite,
            PropagateDeletes = input.PropagateDeletes ?? current.PropagateDeletes,
            Enabled = input.Enabled ?? current.Enabled,
        }, null);
    }

    private (ReplicationPeer? Peer, ReplicationChangeResult? Error) ApplyPeer(ReplicationPeer current, ReplicationRuleInput input)
    {
        Uri url = current.Url;
        if (input.Url is not null)
        {
            if (RemoteSourceRules.UrlError(input.Url, out Uri? parsed) is { } urlError)
            {
                return (null, Invalid(urlError, "registry.url"));
            }

            if (parsed!.AbsolutePath != "/")
            {
                return (null, Invalid($"url '{input.Url}' must be the registry's base URL (scheme, host and port, no path): the /v2/ API is found there", "registry.url"));
            }

            url = parsed;
        }

        string? username = input.Username is null ? current.Username : input.Username.Length == 0 ? null : input.Username;
        string? protectedPassword = username is null ? null
            : input.Password is null ? current.ProtectedPassword
            : input.Password.Length == 0 ? null
            : protector.Protect(input.Password);
        if (username is null && !string.IsNullOrEmpty(input.Password))
        {
            return (null, Invalid("a password needs a username", "registry.password"));
        }

        if (username is not null && (username.Contains(':', StringComparison.Ordinal) || username.Any(char.IsControl)))
        {
            return (null, Invalid("username must not contain ':' or control characters", "registry.username"));
        }

        return (new ReplicationPeer(url, username, protectedPassword), null);
    }

    private static ReplicationChangeResult Denied => new(ReplicationChangeStatus.Denied, DeniedMessage);

    private static ReplicationChangeResult Invalid(string message, string field) => new(ReplicationChangeStatus.Invalid, message, field);

    private static ReplicationChangeResult NotFound(string name) => new(ReplicationChangeStatus.NotFound, $"no replication rule is named '{name}'");
}
