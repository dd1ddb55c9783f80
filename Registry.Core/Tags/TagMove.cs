namespace Registry.Core.Tags;

/// <summary>A tag the registry moved on its own (a floating tag following a push): from where (null: created) to where.</summary>
public sealed record TagMove(string Tag, string? OldDigest, string NewDigest);
