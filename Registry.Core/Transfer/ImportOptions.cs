using Registry.Core.Primitives;

namespace Registry.Core.Transfer;

/// <param name="DefaultRepository">Where entries of a layout whose name carries no repository go (<c>v1</c>, as <c>skopeo copy ... oci:DIR:v1</c> writes, or no name at all).</param>
/// <param name="MaxManifestBytes">The largest manifest accepted, as for a push.</param>
public sealed record ImportOptions(RepositoryName? DefaultRepository, int MaxManifestBytes);
