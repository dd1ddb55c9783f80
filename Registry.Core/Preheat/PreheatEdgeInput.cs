namespace Registry.Core.Preheat;

/// <summary>
/// An edge as a caller sends it. On update, a field left null keeps its value; an empty <see cref="Password"/> (or
/// <see cref="Username"/>) removes it.
/// </summary>
public sealed record PreheatEdgeInput(string? Name, string? Url, string? RemoteKey, string? Username, string? Password);
