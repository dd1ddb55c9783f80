using Registry.Core.Primitives;

namespace Registry.Api.Oci;

/// <summary>One member of a docker virtual repository for a name: its repository, and the pull-through target when the member is a remote.</summary>
internal sealed record VirtualMember(RepositoryName Local, RemoteTarget? Remote);
