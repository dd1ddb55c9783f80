using Registry.Core.Retention;

namespace Registry.Api.Retention;

/// <summary>
/// Image policies' runs asked for through the API and the console, on <see cref="RetentionEngine"/>: real runs go one
/// at a time across all nodes under the lock <c>retention:&lt;id&gt;</c> (<see cref="LeasedRetentionRunLocks"/>). A
/// real run goes on when the request that started it goes away (a half-done run would be recorded as failed for no
/// reason); it stops only with the node or when its lock is lost. Dry runs change nothing and need no lock.
/// </summary>
internal sealed class RetentionRuns(RetentionEngine engine, RetentionRunner runner, IHostApplicationLifetime lifetime)
{
    /// <summary>Plans the policy and records the plan as a dry run.</summary>
    public Task<RetentionRun> DryRunAsync(RetentionPolicy policy, string trigger, Core.Changes.Actor actor, CancellationToken ct)
        => runner.DryRunAsync(policy, trigger, actor, ct);

    /// <summary>The recorded run, or null when another run of the policy holds its lock.</summary>
    public async Task<RetentionRun?> TryRunAsync(RetentionPolicy policy, string trigger, Core.Changes.Actor actor)
    {
        ArgumentNullException.ThrowIfNull(policy);
        RetentionAttempt<ImageRetentionWork, RetentionRun> attempt = await engine.RunAsync(
            runner, policy, new RetentionRequest(trigger, actor, DryRun: false), lifetime.ApplicationStopping);
        return attempt.Run;
    }
}
