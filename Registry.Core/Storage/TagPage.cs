namespace Registry.Core.Storage;

/// <param name="RepositoryExists">False when the repository is unknown (NAME_UNKNOWN), as opposed to having no tags.</param>
/// <param name="HasMore">True when tags after the last one returned exist.</param>
public sealed record TagPage(bool RepositoryExists, IReadOnlyList<string> Tags, bool HasMore);
