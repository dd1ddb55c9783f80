using System.Text.RegularExpressions;
using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Core.Changes;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Core.Preheat;

/// <summary>
/// Edges and preheats (docs/preheat.md). Its rules: edges and preheat rules are registry-wide settings that hold
/// credentials, so only a global admin manages them; an edge has a unique name, an absolute http(s) URL without user
/// info, query or fragment, the key of its remote, and a password only with a username, encrypted by
/// <see cref="ICredentialProtector"/> before it is kept; a preheat needs push on the repository (it spends the edges'
/// bandwidth for it), names a tag or digest this registry has, and edges that exist (all when none are named); the
/// edges are asked at once, and the preheat is announced with every edge's answer (<see cref="PreheatRan"/>).
/// </summary>
public sealed partial class PreheatService(
    IPreheatStore store, IMetadataStore metadata, Catalog.ICatalogStore catalog, IPreheatEdges edges, IChangeFeed feed, ICredentialProtector protector, TimeProvider time)
{
    /// <summary>The most tags one catalog query may preheat; a query matching more is refused (narrow it).</summary>
    public const int MaxQueryTags = 100;

    public const int MaxPlatforms = 32;

    public const int MaxEdges = 256;

    public static bool MayManage(Permissions permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        return permissions.IsGlobalAdmin;
    }

    public async ValueTask<(ArtifactChangeResult Result, PreheatRule? Rule)> CreateRuleAsync(
        Actor actor, Permissions permissions, string? name, string? repository, string? tag, IReadOnlyList<string>? edgeNames, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayManage(permissions))
        {
            return (Denied("managing preheat rules needs the global admin role"), null);
        }

        if (NameError(name, "a rule") is { } nameError)
        {
            return (Invalid(nameError, "name"), null);
        }

        var rule = new PreheatRule(name!, repository ?? string.Empty, tag ?? string.Empty, [.. (edgeNames ?? []).Distinct(StringComparer.Ordinal)], time.GetUtcNow(), actor.Name);
        if (!PreheatRuleMatcher.TryCreate(rule, out _, out (string Field, string Message)? patternError))
        {
            return (Invalid(patternError.Value.Message, patternError.Value.Field), null);
        }

        if (await UnknownEdgeAsync(rule.Edges, ct) is { } unknown)
        {
            return (Invalid(unknown, "edges"), null);
        }

        bool created = await feed.RecordAsync(
            async c => await store.CreatePreheatRuleAsync(rule, c),
            created => created ? [new PreheatRuleChanged(actor, rule.CreatedAt, rule, Deleted: false)] : [],
            ct);
        return created ? (ArtifactChangeResult.Done, rule) : (new(ArtifactChangeStatus.Conflict, $"preheat rule '{rule.Name}' exists"), null);
    }

    public async ValueTask<ArtifactChangeResult> DeleteRuleAsync(Actor actor, Permissions permissions, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayManage(permissions))
        {
            return Denied("managing preheat rules needs the global admin role");
        }

        if ((await store.ListPreheatRulesAsync(ct)).FirstOrDefault(r => r.Name == name) is not { } rule)
        {
            return new(ArtifactChangeStatus.NotFound, $"preheat rule '{name}' does not exist");
        }

        bool deleted = await feed.RecordAsync(
            async c => await store.DeletePreheatRuleAsync(name, c),
            deleted => deleted ? [new PreheatRuleChanged(actor, time.GetUtcNow(), rule, Deleted: true)] : [],
            ct);
        return deleted ? ArtifactChangeResult.Done : new(ArtifactChangeStatus.NotFound, $"preheat rule '{name}' does not exist");
    }

    /// <summary>
    /// Asks the edges (all, or those named) to prefetch the image, at once, and announces what each answered; the
    /// refusal when the caller may not, the input is wrong or the image is not here.
    /// </summary>
    public async ValueTask<(ArtifactChangeResult Result, PreheatRan? Ran)> PreheatAsync(
        Actor actor, Permissions permissions, PreheatRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(request);
        if (!RepositoryName.TryParse(request.Repository, out RepositoryName? repository))
        {
            return (Invalid("repository must be a repository name, such as 'team/app'", "repository"), null);
        }

        if (!permissions.Allows(repository, AccessAction.Pull))
        {
            return (new(ArtifactChangeStatus.NotFound, $"repository '{repository}' does not exist"), null);
        }

        if (!permissions.Allows(repository, AccessAction.Push))
        {
            return (Denied($"preheating '{repository}' needs the push permission on it"), null);
        }

        ReferenceParseResult reference = Reference.Parse(request.Reference);
        if (reference.Error != ReferenceParseError.None)
        {
            return (Invalid("tag must be a tag or a digest (sha256:...)", "tag"), null);
        }

        IReadOnlyList<string> platforms = request.Platforms ?? [];
        if (PlatformsError(platforms) is { } platformError)
        {
            return (platformError, null);
        }

        ManifestRecord? manifest = reference.Reference.IsDigest
            ? await metadata.GetManifestAsync(repository, reference.Reference.Digest, ct)
            : await metadata.ResolveTagAsync(repository, reference.Reference.Tag!, ct);
        if (manifest is null)
        {
            return (new(ArtifactChangeStatus.NotFound, $"'{repository}' has no manifest '{request.Reference}'"), null);
        }

        (List<PreheatEdge>? chosen, ArtifactChangeResult? edgeError) = await ChooseAsync(request.Edges, ct);
        if (chosen is null)
        {
            return (edgeError!, null);
        }

        return (ArtifactChangeResult.Done, await RunAsync(actor, repository, reference.Reference.ToString(), chosen, platforms, null, ct));
    }

    /// <summary>
    /// Preheats every tag a catalog query matches among the repositories the caller may push to (at most
    /// <see cref="MaxQueryTags"/>), one image after the other, each on the edges at once; what ran for each.
    /// </summary>
    public async ValueTask<(ArtifactChangeResult Result, IReadOnlyList<PreheatRan>? Ran)> PreheatQueryAsync(
        Actor actor, Permissions permissions, PreheatQuery query, IReadOnlyList<string>? edgeNames, IReadOnlyList<string>? platforms, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(query);
        Catalog.CatalogView view = permissions.SeesEverything ? Catalog.CatalogView.Everything : Catalog.CatalogView.ForScopes(permissions.PullScopes());
        if (query.Namespace is not null)
        {
            if (!AccessScope.TryCreate(ScopeKind.Namespace, query.Namespace, out _))
            {
                return (Invalid($"'{query.Namespace}' is not a namespace", "query.namespace"), null);
            }

            view = view.Intersect(Catalog.CatalogView.ForPrefix(query.Namespace));
        }

        if (query.Repository is not null)
        {
            if (!RepositoryName.TryParse(query.Repository, out RepositoryName? exactly))
            {
                return (Invalid($"'{query.Repository}' is not a repository name", "query.repository"), null);
            }

            view = view.Intersect(Catalog.CatalogView.Of([Catalog.NameRange.Exactly(exactly.Value)]));
        }

        Catalog.TagPattern? tags = Catalog.TagPattern.Any;
        if (query.Tag is not null && !Catalog.TagPattern.TryParse(query.Tag, out tags))
        {
            return (Invalid("query.tag must be a tag glob such as 'v1.*'", "query.tag"), null);
        }

        if (PlatformsError(platforms ?? []) is { } platformError)
        {
            return (platformError, null);
        }

        IReadOnlyList<Catalog.CatalogEntry> entries = view.IsEmpty ? [] : await catalog.ListCatalogAsync(view, tags, null, MaxQueryTags + 1, ct);
        if (entries.Count > MaxQueryTags)
        {
            return (Invalid($"the query matches more than {MaxQueryTags} tags; narrow it", "query"), null);
        }

        List<Catalog.CatalogEntry> mine = [.. entries.Where(e => RepositoryName.TryParse(e.Repository, out RepositoryName? n) && permissions.Allows(n, AccessAction.Push))];
        if (mine.Count == 0)
        {
            return (new(ArtifactChangeStatus.NotFound, "the query matches no tag of a repository you may push to"), null);
        }

        (List<PreheatEdge>? chosen, ArtifactChangeResult? edgeError) = await ChooseAsync(edgeNames, ct);
        if (chosen is null)
        {
            return (edgeError!, null);
        }

        var ran = new List<PreheatRan>(mine.Count);
        foreach (Catalog.CatalogEntry entry in mine)
        {
            ran.Add(await RunAsync(actor, RepositoryName.Parse(entry.Repository), entry.Tag, chosen, platforms ?? [], null, ct));
        }

        return (ArtifactChangeResult.Done, ran);
    }

    private async ValueTask<(List<PreheatEdge>? Edges, ArtifactChangeResult? Error)> ChooseAsync(IReadOnlyList<string>? named, CancellationToken ct)
    {
        IReadOnlyList<PreheatEdge> all = await store.ListPreheatEdgesAsync(ct);
        List<PreheatEdge> chosen;
        if (named is { Count: > 0 })
        {
            if (named.FirstOrDefault(n => !all.Any(e => e.Name == n)) is { } unknown)
            {
                return (null, Invalid($"edge '{unknown}' does not exist", "edges"));
            }

            chosen = [.. all.Where(e => named.Contains(e.Name, StringComparer.Ordinal))];
        }
        else
        {
            chosen = [.. all];
        }

        return chosen.Count == 0 ? (null, Invalid("no edges are configured; add one with POST /api/v1/preheat/edges", "edges")) : (chosen, null);
    }

    private static ArtifactChangeResult? PlatformsError(IReadOnlyList<string> platforms)
        => platforms.Count > MaxPlatforms || platforms.Any(p => !PlatformText().IsMatch(p ?? string.Empty))
            ? Invalid($"platforms are at most {MaxPlatforms} of os/architecture or os/architecture/variant, such as linux/amd64", "platforms")
            : null;

    /// <summary>
    /// Preheats a tag just pushed (<see cref="TagPointed"/> by a client, not by a remote's fetch) on the edges of every
    /// rule that matches it, one preheat per rule, as the actor <c>preheat-rule:&lt;name&gt;</c>; what ran.
    /// </summary>
    public async ValueTask<IReadOnlyList<PreheatRan>> PreheatPushedAsync(RepositoryName repository, TagName tag, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(tag);
        IReadOnlyList<PreheatRule> rules = await store.ListPreheatRulesAsync(ct);
        if (rules.Count == 0)
        {
            return [];
        }

        IReadOnlyList<PreheatEdge> all = await store.ListPreheatEdgesAsync(ct);
        var ran = new List<PreheatRan>();
        foreach (PreheatRule rule in rules)
        {
            if (!PreheatRuleMatcher.TryCreate(rule, out PreheatRuleMatcher? matcher, out _) || !matcher.Matches(repository.Value, tag.Value))
            {
                continue;
            }

            List<PreheatEdge> chosen = [.. all.Where(e => rule.Edges.Count == 0 || rule.Edges.Contains(e.Name, StringComparer.Ordinal))];
            if (chosen.Count > 0)
            {
                ran.Add(await RunAsync(Actor.System("preheat-rule:" + rule.Name), repository, tag.Value, chosen, [], rule.Name, ct));
            }
        }

        return ran;
    }

    /// <summary>Whether a change is a tag a client pushed (or copied), which preheat rules consider; a remote's own fetches are not.</summary>
    public static bool IsPushedTag(ChangeRecord change, out TagPointed? pointed)
    {
        pointed = change as TagPointed;
        return pointed is not null
            && !(pointed.Actor.Kind == ActorKind.System && pointed.Actor.Name.StartsWith("remote:", StringComparison.Ordinal));
    }

    private async Task<PreheatRan> RunAsync(
        Actor actor, RepositoryName repository, string reference, IReadOnlyList<PreheatEdge> chosen, IReadOnlyList<string> platforms, string? rule, CancellationToken ct)
    {
        PreheatEdgeResult[] results = await Task.WhenAll(chosen.Select(e => edges.PrefetchAsync(e, repository.Value, reference, platforms, ct)));
        var ran = new PreheatRan(actor, time.GetUtcNow(), repository.Value, reference, results, rule);
        await feed.RecordAsync(_ => ValueTask.FromResult(ran), r => [r], ct);
        return ran;
    }

    private async ValueTask<string?> UnknownEdgeAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        if (names.Count > MaxEdges)
        {
            return $"at most {MaxEdges} edges";
        }

        IReadOnlyList<PreheatEdge> all = await store.ListPreheatEdgesAsync(ct);
        return names.FirstOrDefault(n => !all.Any(e => e.Name == n)) is { } unknown ? $"edge '{unknown}' does not exist" : null;
    }

    private static string? NameError(string? name, string what)
        => name is not null && NameText().IsMatch(name)
            ? null
            : $"{what} needs a name of lowercase letters, digits, '.', '_' and '-', starting with a letter or digit (at most 64 characters)";

    private static ArtifactChangeResult Invalid(string message, string field) => new(ArtifactChangeStatus.Invalid, message, field);

    private static ArtifactChangeResult Denied(string message) => new(ArtifactChangeStatus.Denied, message);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NameText();

    [GeneratedRegex("^[^/\\s]{1,64}/[^/\\s]{1,64}(/[^/\\s]{1,64})?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlatformText();
}
