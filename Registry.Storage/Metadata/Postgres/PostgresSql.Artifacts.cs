using Registry.Core.Artifacts;
using Registry.Storage.Metadata.Artifacts;

namespace Registry.Storage.Metadata.Postgres;

/// <summary>The artifact statements (<see cref="ArtifactSql"/>) bound to the Postgres dialect.</summary>
internal static partial class PostgresSql
{
    private const bool ArtifactDialect = true;

    public static readonly string ArtifactAncestorIsFile = ArtifactSql.AncestorIsFile(ArtifactDialect);

    public static readonly string ArtifactCountWithProperties = ArtifactSql.CountTargetFilesWithProperties(ArtifactDialect);

    public static readonly string ArtifactDeleteNamedProperties = ArtifactSql.DeleteTargetNamedProperties(ArtifactDialect);

    public static string ArtifactsByChecksum(ChecksumKind kind, bool inRepositories) => ArtifactSql.ByChecksum(ArtifactDialect, kind, inRepositories);

    public static string ArtifactsByName(bool inRepositories) => ArtifactSql.ByName(ArtifactDialect, inRepositories);

    public static string ArtifactsByProperties(IReadOnlyList<PropertyFilter> filters, bool inRepositories) => ArtifactSql.ByProperties(ArtifactDialect, filters, inRepositories);
}
