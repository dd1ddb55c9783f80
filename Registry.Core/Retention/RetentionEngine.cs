using Registry.Core.Changes;

namespace Registry.Core.Retention;

/// <summary>
/// The one retention engine, for every kind of policy (<see cref="IRetentionKind{TPolicy, TWork, TRun}"/>: image
/// policies, artifact repositories' policies). A run: a real run takes the policy's lock (another run holding it
/// makes this one <see cref="RetentionAttempt{TWork, TRun}.Busy"/>) and stops when the lock is lost or
/// <c>ct</c> fires; it plans, then — unless it is a dry run — applies the plan unit by unit as the policy's system
/// actor (a unit that fails is an error; the other units still go), finishes, and records the run whatever happened:
/// a planning failure, a unit's failure and a stop are the run's errors, beside what was done until then.
/// <see cref="RunDueAsync{TPolicy, TWork, TRun}"/> runs the policies whose schedule is due, each claimed first so of
/// several nodes one runs it; fire times missed while no node ran collapse into one run.
/// </summary>
public sealed class RetentionEngine(IRetentionRunLocks locks, IRetentionSchedule schedule, TimeProvider time)
{
    /// <summary>The error a run records when it stopped before the end.</summary>
    public const string Stopped = "stopped before the end (the node is shutting down, or the run lost its lock to another node); what was done until then is listed";

    /// <summary>Runs the policy (a real run under its lock) and records the run.</summary>
    public async Task<RetentionAttempt<TWork, TRun>> RunAsync<TPolicy, TWork, TRun>(
        IRetentionKind<TPolicy, TWork, TRun> kind, TPolicy policy, RetentionRequest request, CancellationToken ct)
        where TWork : class, IRetentionWork
        where TRun : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(request);
        if (request.DryRun)
        {
            (TRun dry, TWork? planned) = await ExecuteAsync(kind, policy, request, time, ct);
            return new RetentionAttempt<TWork, TRun>(dry, planned, Busy: false);
        }

        await using IRetentionRunLock? held = await locks.TryTakeAsync(kind.LockName(policy), ct);
        if (held is null)
        {
            return new RetentionAttempt<TWork, TRun>(null, null, Busy: true);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, held.Lost);
        (TRun run, TWork? work) = await ExecuteAsync(kind, policy, request, time, linked.Token);
        return new RetentionAttempt<TWork, TRun>(run, work, Busy: false);
    }

    /// <summary>Runs every policy of the kind that is due now, once each; returns what each gave.</summary>
    public async Task<IReadOnlyList<DueRetentionRun<TPolicy, TRun>>> RunDueAsync<TPolicy, TWork, TRun>(
        IRetentionKind<TPolicy, TWork, TRun> kind, CancellationToken ct)
        where TWork : class, IRetentionWork
        where TRun : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        var ran = new List<DueRetentionRun<TPolicy, TRun>>();
        DateTimeOffset now = time.GetUtcNow();
        foreach (TPolicy policy in await kind.ListScheduledAsync(ct))
        {
            RetentionTiming timing = kind.Timing(policy);
            if (schedule.NextRun(timing) is not { } due || due > now
                || !await kind.ClaimScheduledRunAsync(policy, timing.LastScheduledAt, now, ct))
            {
                continue;
            }

            RetentionAttempt<TWork, TRun> attempt = await RunAsync(kind, policy, RetentionRequest.Scheduled, ct);
            ran.Add(new DueRetentionRun<TPolicy, TRun>(policy, attempt.Run));
        }

        return ran;
    }

    /// <summary>
    /// One run without the lock (for a caller that holds it, and for dry runs): plan, apply unless dry, finish,
    /// record. Returns the recorded run and the work (null when planning failed).
    /// </summary>
    public static async Task<(TRun Run, TWork? Work)> ExecuteAsync<TPolicy, TWork, TRun>(
        IRetentionKind<TPolicy, TWork, TRun> kind, TPolicy policy, RetentionRequest request, TimeProvider time, CancellationToken ct)
        where TWork : class, IRetentionWork
        where TRun : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(time);
        DateTimeOffset started = time.GetUtcNow();
        Actor actor = Actor.System(kind.ActorName(policy));
        var errors = new List<string>();
        TWork? work = null;
        try
        {
            work = await kind.PlanAsync(policy, started, ct);
            if (!request.DryRun)
            {
                for (int i = 0; i < work.Units.Count; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    try
                    {
                        await work.ApplyAsync(i, actor, ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        errors.Add($"{work.Units[i]}: {e.Message}");   // the other units still run
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            errors.Add(Stopped);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            errors.Add(e.Message);
        }

        // Whatever happened, what was done is finished and recorded, so these last steps do not stop with the run.
        if (work is not null)
        {
            try
            {
                await work.FinishAsync(actor, request.DryRun, CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                errors.Add(e.Message);
            }
        }

        var info = new RetentionRunInfo(request, started, time.GetUtcNow(), errors);
        return (await kind.RecordAsync(policy, info, work, CancellationToken.None), work);
    }
}
