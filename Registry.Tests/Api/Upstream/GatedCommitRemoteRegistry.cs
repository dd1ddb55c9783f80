using Microsoft.Extensions.DependencyInjection;
using Registry.Core.Storage;
using Registry.Storage.Blobs.FileSystem;

namespace Registry.Tests.Api.Upstream;

/// <summary>A <see cref="RemoteRegistry"/> whose blob commits wait at a gate the test opens (<see cref="GatedCommitBlobStore"/>).</summary>
public sealed class GatedCommitRemoteRegistry() : RemoteRegistry(services => services.AddSingleton<IBlobStore>(
    provider => new GatedCommitBlobStore(ActivatorUtilities.CreateInstance<FileSystemBlobStore>(provider))))
{
    internal GatedCommitBlobStore Blobs => (GatedCommitBlobStore)Service<IBlobStore>();
}
