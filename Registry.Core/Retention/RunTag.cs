namespace Registry.Core.Retention;

/// <summary>A tag a run deleted: its repository, name and the manifest digest it pointed at.</summary>
public sealed record RunTag(string Repository, string Tag, string Digest);
