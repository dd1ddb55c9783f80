namespace Registry.Core.Storage;

public sealed record RepositoryPage(IReadOnlyList<string> Names, bool HasMore);
