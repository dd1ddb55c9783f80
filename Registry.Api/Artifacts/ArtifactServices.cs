using Registry.Api.Auth;
using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Artifacts;

/// <summary>
/// What the artifact handlers use, and the access rule they share: a repository key is a namespace for roles
/// (reader: download and search; developer: deploy; maintainer: delete). Anonymous callers that may not get a 401
/// with a Basic challenge (Maven sends credentials only after one), authenticated ones a 403.
/// </summary>
internal sealed class ArtifactServices(
    IArtifactStore store,
    ArtifactService artifacts,
    IBlobStore blobs,
    Gc.BlobPins pins,
    AccessDirectory directory,
    RemoteFetcher remotes,
    TimeProvider time,
    ILogger<ArtifactServices> logger)
{
    public const string Challenge = "Basic realm=\"Artifactory Realm\"";

    /// <summary>Reads only: every change to files goes through <see cref="Artifacts"/>.</summary>
    public IArtifactStore Store => store;

    public ArtifactService Artifacts => artifacts;

    public IBlobStore Blobs => blobs;

    /// <summary>Fetches what maven and generic remote repositories do not have cached yet.</summary>
    public RemoteFetcher Remotes => remotes;

    /// <summary>Pins a digest before its bytes are written or a deploy by checksum relies on them (docs/gc.md).</summary>
    public Gc.BlobPins Pins => pins;

    public ILocalBlobFiles? LocalFiles { get; } = blobs as ILocalBlobFiles;

    /// <summary>The store's copies on this node's disk (the S3 read cache), when the store keeps any.</summary>
    public INodeBlobCache? NodeCache { get; } = blobs as INodeBlobCache;

    public TimeProvider Time => time;

    public ILogger Logger => logger;

    /// <summary>Null when the caller may do <paramref name="needed"/> in the repository, else the 401/403/429 to answer.</summary>
    public async ValueTask<IResult?> AuthorizeAsync(HttpContext context, string key, AccessAction needed)
    {
        if (context.GetAuthFailure() is { } failure)
        {
            return failure.RetryAfter is not null ? RegistryChallenge.TooManyLogins(failure) : Unauthorized($"authentication failed: {failure.Reason}");
        }

        Caller caller = context.GetCaller();
        if (!RepositoryName.TryParse(key, out RepositoryName? name))
        {
            return ArtifactResults.NotFound($"repository '{key}' does not exist");
        }

        bool allowed = caller.TokenAccess is { } presented
            ? presented.Allows(name, needed)
            : (await directory.GetPermissionsAsync(caller, context.RequestAborted)).Allows(name, needed);
        if (allowed)
        {
            return null;
        }

        return caller.IsAnonymous
            ? Unauthorized("authentication required")
            : ArtifactResults.Error(StatusCodes.Status403Forbidden, $"{caller.Subject} may not {Verb(needed)} in repository '{key}': that needs the {Role(needed)} role on '{key}'");
    }

    /// <summary>Which repository keys the caller may read (for searches), or the 401/429 when its credentials were refused.</summary>
    public async ValueTask<(Func<string, bool>? CanRead, IResult? Error)> ReadFilterAsync(HttpContext context)
    {
        if (context.GetAuthFailure() is { } failure)
        {
            return (null, failure.RetryAfter is not null ? RegistryChallenge.TooManyLogins(failure) : Unauthorized($"authentication failed: {failure.Reason}"));
        }

        Caller caller = context.GetCaller();
        Permissions permissions = await directory.GetPermissionsAsync(caller, context.RequestAborted);
        return (key => RepositoryName.TryParse(key, out RepositoryName? name)
            && (caller.TokenAccess is { } presented ? presented.Allows(name, AccessAction.Pull) : permissions.Allows(name, AccessAction.Pull)), null);
    }

    /// <summary>
    /// The caller's current roles, for repository configuration (decided by roles, as in <c>/api/v1</c>), or the
    /// 401/429 when its credentials were refused, or the 403 for a bearer token without the management scope.
    /// </summary>
    public async ValueTask<(Permissions? Permissions, IResult? Error)> PermissionsAsync(HttpContext context)
    {
        if (context.GetAuthFailure() is { } failure)
        {
            return (null, failure.RetryAfter is not null ? RegistryChallenge.TooManyLogins(failure) : Unauthorized($"authentication failed: {failure.Reason}"));
        }

        Caller caller = context.GetCaller();
        if (caller.TokenAccess is { Management: false })
        {
            return (null, ArtifactResults.Error(StatusCodes.Status403Forbidden, "bearer tokens for repository configuration need the scope registry:management:*"));
        }

        return (await directory.GetPermissionsAsync(caller, context.RequestAborted), null);
    }

    /// <summary>401 with the Basic challenge for anonymous callers, else 403, with <paramref name="message"/>.</summary>
    public static IResult Forbidden(HttpContext context, string message)
        => context.GetCaller().IsAnonymous ? Unauthorized("authentication required") : ArtifactResults.Error(StatusCodes.Status403Forbidden, message);

    public static string Actor(HttpContext context) => context.GetCaller().Subject;

    /// <summary><c>scheme://host[/base]/artifactory</c>, as the client addressed the registry.</summary>
    public static string BaseUri(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/artifactory";

    public static string DownloadUri(HttpContext context, string repository, string path) => $"{BaseUri(context)}/{repository}/{Escape(path)}";

    public static string StorageUri(HttpContext context, string repository, string path)
        => path.Length == 0 ? $"{BaseUri(context)}/api/storage/{repository}" : $"{BaseUri(context)}/api/storage/{repository}/{Escape(path)}";

    public static string Escape(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static IResult Unauthorized(string message)
        => new WithHeaderResult(ArtifactResults.Error(StatusCodes.Status401Unauthorized, message), "WWW-Authenticate", Challenge);

    private static string Verb(AccessAction action) => action switch
    {
        AccessAction.Pull => "read",
        AccessAction.Push => "deploy",
        _ => "delete",
    };

    private static string Role(AccessAction action) => action switch
    {
        AccessAction.Pull => "reader",
        AccessAction.Push => "developer",
        _ => "maintainer",
    };
}
