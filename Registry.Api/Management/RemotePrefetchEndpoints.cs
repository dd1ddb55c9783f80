using Registry.Api.Management.Models;
using Registry.Api.Management.Problems;
using Registry.Api.Oci;
using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Core.Primitives;

namespace Registry.Api.Management;

/// <summary>
/// <c>POST /api/v1/remotes/{key}/prefetch</c>: a docker remote fetches an image into its cache ahead of the clients
/// (<see cref="RemotePrefetch"/>), answering what it fetched; the bytes are not sent to the caller. It needs push on
/// the remote's key (an edge's preheat account), like writing content there would.
/// </summary>
internal static class RemotePrefetchEndpoints
{
    private const int MaxPlatforms = 32;

    public static RouteGroupBuilder MapRemotePrefetchEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/remotes/{key}/prefetch", PrefetchAsync).Produces<PrefetchSummary>();
        return api;
    }

    private static async Task<IResult> PrefetchAsync(
        ManagementCaller caller, string key, RemotePrefetchRequest body, HttpContext context, IArtifactStore store, RemotePrefetch prefetch)
    {
        CancellationToken ct = context.RequestAborted;
        bool named = RepositoryName.TryParse(key, out RepositoryName? keyName);
        if (!named || await store.GetArtifactRepositoryAsync(key, ct) is not { } repository || !caller.Permissions.Allows(keyName!, AccessAction.Pull))
        {
            return ManagementCaller.NotFound($"remote repository '{key}' does not exist");
        }

        if (!caller.Permissions.Allows(keyName!, AccessAction.Push))
        {
            return ManagementCaller.Denied($"prefetching into '{key}' needs the push permission on it");
        }

        if (repository.Class != RepositoryClass.Remote || repository.Type != ArtifactRepositoryType.Docker || repository.Remote is not { } remote)
        {
            return ManagementCaller.BadRequest("key", $"'{key}' is a {repository.Type.ToString().ToLowerInvariant()} {repository.Class.ToString().ToLowerInvariant()} repository; only docker remote repositories prefetch");
        }

        if (string.IsNullOrWhiteSpace(body.Name) || !RepositoryName.TryParse(key + "/" + body.Name, out RepositoryName? local))
        {
            return ManagementCaller.BadRequest("name", "name must be a repository name on the upstream, such as 'team/app'");
        }

        ReferenceParseResult parsed = Reference.Parse(body.Reference);
        if (parsed.Error != ReferenceParseError.None)
        {
            return ManagementCaller.BadRequest("reference", "reference must be a tag or a digest (sha256:...)");
        }

        List<PrefetchPlatform> platforms = [];
        foreach (string text in body.Platforms ?? [])
        {
            if (!PrefetchPlatform.TryParse(text, out PrefetchPlatform? platform))
            {
                return ManagementCaller.BadRequest("platforms", $"'{text}' is not a platform; write os/architecture or os/architecture/variant, such as linux/amd64");
            }

            platforms.Add(platform!);
        }

        if (platforms.Count > MaxPlatforms)
        {
            return ManagementCaller.BadRequest("platforms", $"at most {MaxPlatforms} platforms");
        }

        var target = new RemoteTarget(repository, RemoteTarget.UpstreamNameOf(remote, body.Name), local!);
        (PrefetchSummary? summary, RemoteFetch failure) = await prefetch.RunAsync(target, parsed.Reference, platforms, ct);
        if (summary is not null)
        {
            return TypedResults.Ok(summary);
        }

        string what = $"manifest '{body.Reference}' of '{body.Name}' on the upstream of '{key}'";
        return failure.Status switch
        {
            RemoteFetchStatus.NotFound => ManagementCaller.NotFound($"{what} was not found{(failure.Detail is null ? string.Empty : ": " + failure.Detail)}"),
            RemoteFetchStatus.RateLimited => ApiProblems.Create(ApiProblemCode.TooManyRequests, StatusCodes.Status429TooManyRequests, $"the upstream is rate-limiting: {failure.Detail}"),
            RemoteFetchStatus.Invalid => ApiProblems.Create(ApiProblemCode.Unavailable, StatusCodes.Status502BadGateway, $"the upstream sent invalid content for {what}: {failure.Detail}"),
            _ => ApiProblems.Create(ApiProblemCode.Unavailable, StatusCodes.Status502BadGateway, $"{what} could not be fetched; the upstream is unreachable: {failure.Detail}"),
        };
    }
}
