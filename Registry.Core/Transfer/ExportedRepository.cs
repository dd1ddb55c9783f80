namespace Registry.Core.Transfer;

public sealed record ExportedRepository(string Name, IReadOnlyList<ExportedTag> Tags, IReadOnlyList<ExportedManifest> Manifests);
