using Registry.Core.Artifacts;

namespace Registry.Storage.Metadata.Artifacts;

/// <summary>The artifact statements that differ between SQLite and PostgreSQL (<see cref="ArtifactSql"/>), bound to one dialect.</summary>
internal sealed class ArtifactDialectSql(bool postgres)
{
    public string AncestorIsFile { get; } = ArtifactSql.AncestorIsFile(postgres);

    public string CountWithProperties { get; } = ArtifactSql.CountTargetFilesWithProperties(postgres);

    public string DeleteNamedProperties { get; } = ArtifactSql.DeleteTargetNamedProperties(postgres);

    public string ByChecksum(ChecksumKind kind, bool inRepositories) => ArtifactSql.ByChecksum(postgres, kind, inRepositories);

    public string ByName(bool inRepositories) => ArtifactSql.ByName(postgres, inRepositories);

    public string ByProperties(IReadOnlyList<PropertyFilter> filters, bool inRepositories) => ArtifactSql.ByProperties(postgres, filters, inRepositories);
}
