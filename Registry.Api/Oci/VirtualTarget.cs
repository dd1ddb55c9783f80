using Registry.Core.Artifacts;
using Registry.Core.Primitives;

namespace Registry.Api.Oci;

/// <summary>
/// A <c>/v2/</c> name below a docker virtual repository's key: the virtual, the name asked for
/// (<c>&lt;virtual&gt;/&lt;name&gt;</c>), its members' repositories for that name in resolution order, and the
/// repository pushes go to (<c>&lt;defaultDeploymentRepo&gt;/&lt;name&gt;</c>; null when the virtual takes no pushes).
/// </summary>
internal sealed record VirtualTarget(ArtifactRepository Repository, RepositoryName Requested, IReadOnlyList<VirtualMember> Members, RepositoryName? Deployment);
