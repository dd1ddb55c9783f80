using Registry.Core.Primitives;
using Registry.Core.Tags;

namespace Registry.Core.Changes;

/// <summary>A repository's floating-tag settings changed (docs/tags.md).</summary>
public sealed record RepositorySettingsChanged(Actor Actor, DateTimeOffset At, RepositoryName Repository, FloatingTagSettings Settings)
    : RepositoryChange(Actor, At, Repository);
