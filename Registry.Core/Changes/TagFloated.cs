using Registry.Core.Primitives;

namespace Registry.Core.Changes;

/// <summary>
/// A floating tag (<c>1</c>, <c>1.2</c>, <c>latest</c>) that followed a version push or copy of <see cref="Following"/>
/// to <see cref="NewDigest"/>, with that manifest's media type and size.
/// </summary>
public sealed record TagFloated(
    Actor Actor,
    DateTimeOffset At,
    RepositoryName Repository,
    string Tag,
    string? OldDigest,
    Digest NewDigest,
    string MediaType,
    long Size,
    TagName? Following) : RepositoryChange(Actor, At, Repository);
