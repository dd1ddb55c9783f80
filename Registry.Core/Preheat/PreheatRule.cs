namespace Registry.Core.Preheat;

/// <summary>
/// Preheat what is pushed: a tag pushed to a repository matching <see cref="Repository"/> (a glob: <c>*</c> within one
/// path component, <c>**</c> across them) whose name matches <see cref="TagPattern"/> (a regular expression, anchored)
/// is preheated on <see cref="Edges"/> (every edge when empty).
/// </summary>
public sealed record PreheatRule(string Name, string Repository, string TagPattern, IReadOnlyList<string> Edges, DateTimeOffset CreatedAt, string CreatedBy);
