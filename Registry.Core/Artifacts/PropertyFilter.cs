namespace Registry.Core.Artifacts;

/// <summary>A property search term: the file has the property with any of <see cref="Values"/> (any value when empty).</summary>
public sealed record PropertyFilter(string Name, IReadOnlyList<string> Values);
