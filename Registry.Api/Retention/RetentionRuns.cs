using Microsoft.Extensions.Options;
using Registry.Api.Hosting;
using Registry.Core.Retention;
using Registry.Core.Storage;

namespace Registry.Api.Retention;

/// <summary>
/// Starts real runs of a policy one at a time across all nodes: each run holds the lease <c>retention:&lt;id&gt;</c>
/// in the metadata store while it deletes. Dry runs change nothing and need no lock.
/// </summary>
internal sealed class RetentionRuns(RetentionRunner runner, IMetadataStore metadata, NodeIdentity node, IOptions<RegistryOptions> options)
{
    public RetentionRunner Runner => runner;

    /// <summary>The recorded run, or null when another run of the policy holds its lock.</summary>
    public async Task<RetentionRun?> TryRunAsync(RetentionPolicy policy, string trigger, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        string lease = "retention:" + policy.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string holder = node.Id + ":" + Guid.NewGuid().ToString("N");
        if (!await metadata.TryAcquireLeaseAsync(lease, holder, options.Value.Retention.RunLockDuration, ct))
        {
            return null;
        }

        try
        {
            return await runner.RunAsync(policy, trigger, actor, ct);
        }
        finally
        {
            await metadata.ReleaseLeaseAsync(lease, holder, CancellationToken.None);
        }
    }
}
