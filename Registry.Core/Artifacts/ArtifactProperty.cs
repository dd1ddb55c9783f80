namespace Registry.Core.Artifacts;

/// <summary>One value of a file's property (a property may have several values).</summary>
public readonly record struct ArtifactProperty(string Name, string Value);
