using Registry.Core.Artifacts;
using Registry.Storage.Metadata.Artifacts;

namespace Registry.Storage.Metadata.Sqlite;

/// <summary>The artifact statements (<see cref="ArtifactSql"/>) bound to the Sqlite dialect.</summary>
internal static partial class SqliteSql
{
    private const bool ArtifactDialect = false;

    public static readonly string ArtifactAncestorIsFile = ArtifactSql.AncestorIsFile(ArtifactDialect);

    public static readonly string ArtifactCountWithProperties = ArtifactSql.CountTargetFilesWithProperties(ArtifactDialect);

    public static readonly string ArtifactDeleteNamedProperties = ArtifactSql.DeleteTargetNamedProperties(ArtifactDialect);

    public static string ArtifactsByChecksum(ChecksumKind kind, bool inRepositories) => ArtifactSql.ByChecksum(ArtifactDialect, kind, inRepositories);

    public static string ArtifactsByName(bool inRepositories) => ArtifactSql.ByName(ArtifactDialect, inRepositories);

    public static string ArtifactsByProperties(IReadOnlyList<PropertyFilter> filters, bool inRepositories) => ArtifactSql.ByProperties(ArtifactDialect, filters, inRepositories);
}
