using Microsoft.Extensions.Options;
using Registry.Api.Hosting;
using Registry.Core.Retention;
using Registry.Core.Storage;

namespace Registry.Api.Retention;

/// <summary>
/// Starts real runs of a policy one at a time across all nodes: each run holds the lease <c>retention:&lt;id&gt;</c>
/// in the metadata store while it deletes. A run goes on when the request that started it goes away (a half-done
/// run would be recorded as failed for no reason); it stops only with the node. Dry runs change nothing and need no lock.
/// </summary>
internal sealed class RetentionRuns(
    RetentionRunner runner,
    IMetadataStore metadata,
    NodeIdentity node,
    IOptions<RegistryOptions> options,
    IHostApplicationLifetime lifetime)
{
    public RetentionRunner Runner => runner;

    /// <summary>The recorded run, or null when another run of the policy holds its lock.</summary>
    public async Task<RetentionRun?> TryRunAsync(RetentionPolicy policy, string trigger, string actor)
    {
        CancellationToken ct = lifetime.ApplicationStopping;
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
