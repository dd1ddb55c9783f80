namespace Registry.Api.Management.Models;

/// <summary>
/// What a docker remote should bring into its cache: <c>name</c> on the upstream, <c>reference</c> (a tag or a digest)
/// and, for an index, the <c>platforms</c> (<c>os/arch[/variant]</c>) whose manifests and layers to fetch (all when omitted).
/// </summary>
internal sealed record RemotePrefetchRequest(string? Name, string? Reference, IReadOnlyList<string>? Platforms);
