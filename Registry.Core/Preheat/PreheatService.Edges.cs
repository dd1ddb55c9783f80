using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Core.Changes;

namespace Registry.Core.Preheat;

/// <summary>The edges: created, changed and deleted by a global admin, their passwords encrypted before they are kept.</summary>
public sealed partial class PreheatService
{
    public async ValueTask<(ArtifactChangeResult Result, PreheatEdge? Edge)> CreateEdgeAsync(Actor actor, Permissions permissions, PreheatEdgeInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!MayManage(permissions))
        {
            return (Denied("managing preheat edges needs the global admin role"), null);
        }

        if (NameError(input.Name, "an edge") is { } nameError)
        {
            return (Invalid(nameError, "name"), null);
        }

        (PreheatEdge? edge, ArtifactChangeResult? error) = Apply(null, input, actor, time.GetUtcNow());
        if (edge is null)
        {
            return (error!, null);
        }

        bool created = await feed.RecordAsync(
            async c => await store.CreatePreheatEdgeAsync(edge, c),
            created => created ? [Announce(actor, PreheatEdgeChange.Created, edge)] : [],
            ct);
        return created ? (ArtifactChangeResult.Done, edge) : (new(ArtifactChangeStatus.Conflict, $"edge '{edge.Name}' exists"), null);
    }

    public async ValueTask<(ArtifactChangeResult Result, PreheatEdge? Edge)> UpdateEdgeAsync(Actor actor, Permissions permissions, string name, PreheatEdgeInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!MayManage(permissions))
        {
            return (Denied("managing preheat edges needs the global admin role"), null);
        }

        if (await store.GetPreheatEdgeAsync(name, ct) is not { } current)
        {
            return (new(ArtifactChangeStatus.NotFound, $"edge '{name}' does not exist"), null);
        }

        if (input.Name is not null && input.Name != current.Name)
        {
            return (Invalid("an edge's name does not change; delete it and create another", "name"), null);
        }

        (PreheatEdge? edge, ArtifactChangeResult? error) = Apply(current, input, actor, current.CreatedAt);
        if (edge is null)
        {
            return (error!, null);
        }

        bool updated = await feed.RecordAsync(
            async c => await store.UpdatePreheatEdgeAsync(edge, c),
            updated => updated ? [Announce(actor, PreheatEdgeChange.Updated, edge)] : [],
            ct);
        return updated ? (ArtifactChangeResult.Done, edge) : (new(ArtifactChangeStatus.NotFound, $"edge '{name}' does not exist"), null);
    }

    public async ValueTask<ArtifactChangeResult> DeleteEdgeAsync(Actor actor, Permissions permissions, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayManage(permissions))
        {
            return Denied("managing preheat edges needs the global admin role");
        }

        if (await store.GetPreheatEdgeAsync(name, ct) is not { } edge)
        {
            return new(ArtifactChangeStatus.NotFound, $"edge '{name}' does not exist");
        }

        if ((await store.ListPreheatRulesAsync(ct)).FirstOrDefault(r => r.Edges.Contains(name, StringComparer.Ordinal)) is { } rule)
        {
            return new(ArtifactChangeStatus.Conflict, $"edge '{name}' is named by the preheat rule '{rule.Name}'; delete the rule first");
        }

        bool deleted = await feed.RecordAsync(
            async c => await store.DeletePreheatEdgeAsync(name, c),
            deleted => deleted ? [Announce(actor, PreheatEdgeChange.Deleted, edge)] : [],
            ct);
        return deleted ? ArtifactChangeResult.Done : new(ArtifactChangeStatus.NotFound, $"edge '{name}' does not exist");
    }

    private (PreheatEdge? Edge, ArtifactChangeResult? Error) Apply(PreheatEdge? current, PreheatEdgeInput input, Actor actor, DateTimeOffset createdAt)
    {
        Uri? url = current?.Url;
        if (input.Url is not null)
        {
            if (RemoteSourceRules.UrlError(input.Url, out Uri? parsed) is { } error)
            {
                return (null, Invalid(error, "url"));
            }

            url = parsed;
        }

        if (url is null)
        {
            return (null, Invalid("an edge needs 'url', the edge registry's absolute http or https URL", "url"));
        }

        string? remoteKey = input.RemoteKey ?? current?.RemoteKey;
        if (remoteKey is null || ArtifactRepositoryKeys.Error(remoteKey) is not null)
        {
            return (null, Invalid("remoteKey must be the key of the edge's docker remote repository over this registry", "remoteKey"));
        }

        string? username = input.Username is null ? current?.Username : input.Username.Length == 0 ? null : input.Username;
        if (username?.Length > RemoteSourceRules.MaxUsername || (username is not null && username.Any(char.IsControl)))
        {
            return (null, Invalid($"username is limited to {RemoteSourceRules.MaxUsername} characters without control characters", "username"));
        }

        if (input.Password?.Length > RemoteSourceRules.MaxPassword)
        {
            return (null, Invalid($"password is limited to {RemoteSourceRules.MaxPassword} characters", "password"));
        }

        string? password = input.Password is null ? current?.ProtectedPassword : input.Password.Length == 0 ? null : protector.Protect(input.Password);
        if (password is not null && username is null)
        {
            return (null, Invalid("a password needs a username", "password"));
        }

        return (new PreheatEdge(current?.Name ?? input.Name!, url, remoteKey, username, password, createdAt, current?.CreatedBy ?? actor.Name), null);
    }

    private PreheatEdgeChanged Announce(Actor actor, PreheatEdgeChange change, PreheatEdge edge)
        => new(actor, time.GetUtcNow(), change, edge.Name, edge.Url, edge.RemoteKey, edge.Username);
}
