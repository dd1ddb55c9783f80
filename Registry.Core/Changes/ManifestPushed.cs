using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Core.Changes;

/// <summary>
/// A manifest stored in a repository, by digest or under <see cref="Tag"/>: pushed by a client, or copied from
/// another tag (<see cref="CopiedFrom"/>, the console's retag and promote).
/// </summary>
public sealed record ManifestPushed(
    Actor Actor,
    DateTimeOffset At,
    RepositoryName Repository,
    Digest Digest,
    string MediaType,
    long Size,
    TagName? Tag,
    ParsedManifest Manifest,
    TagSource? CopiedFrom) : RepositoryChange(Actor, At, Repository);

/// <summary>The tag a manifest was copied from (and its repository, the same one for a retag).</summary>
public sealed record TagSource(RepositoryName Repository, TagName Tag);
