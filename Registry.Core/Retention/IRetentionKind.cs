namespace Registry.Core.Retention;

/// <summary>
/// What one kind of retention (image policies, artifact repositories' policies) tells <see cref="RetentionEngine"/>:
/// which policies have schedules and how to claim a scheduled run, which lock and system actor a policy's runs take,
/// how to plan (<see cref="PlanAsync"/>: the candidates and what the keep rules decide of them, as a
/// <see cref="IRetentionWork"/> that also deletes one unit at a time) and how a run is recorded. Everything around it —
/// the lock, dry run or real, a unit that fails, a stop, the record of a failure — is the engine's, written once.
/// </summary>
/// <typeparam name="TPolicy">A policy as the kind stores it.</typeparam>
/// <typeparam name="TWork">One run's plan and what applying it did.</typeparam>
/// <typeparam name="TRun">A recorded run as the kind's run history stores it.</typeparam>
public interface IRetentionKind<TPolicy, TWork, TRun>
    where TWork : class, IRetentionWork
{
    /// <summary>The lease that keeps real runs of the policy one at a time across nodes (<c>retention:7</c>).</summary>
    string LockName(TPolicy policy);

    /// <summary>The system actor the policy deletes as (<c>retention:&lt;policy&gt;</c>), whoever started the run.</summary>
    string ActorName(TPolicy policy);

    /// <summary>The policy's schedule, state and times: when it is due.</summary>
    RetentionTiming Timing(TPolicy policy);

    /// <summary>The policies that may be due (having a schedule is enough; the engine checks the rest).</summary>
    ValueTask<IReadOnlyList<TPolicy>> ListScheduledAsync(CancellationToken ct);

    /// <summary>Records that a scheduled run starts at <paramref name="at"/> if the last one is still <paramref name="previous"/>; of several nodes, one gets true.</summary>
    ValueTask<bool> ClaimScheduledRunAsync(TPolicy policy, DateTimeOffset? previous, DateTimeOffset at, CancellationToken ct);

    /// <summary>Plans the policy as of <paramref name="now"/>: what it deletes, in units the engine applies one by one.</summary>
    Task<TWork> PlanAsync(TPolicy policy, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Stores the run: <paramref name="work"/> says what was planned (a dry run) or done (a real run), null when
    /// planning failed; <paramref name="run"/> what the engine knows. Returns it with its id.
    /// </summary>
    ValueTask<TRun> RecordAsync(TPolicy policy, RetentionRunInfo run, TWork? work, CancellationToken ct);
}
