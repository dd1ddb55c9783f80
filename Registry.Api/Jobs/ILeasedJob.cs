namespace Registry.Api.Jobs;

/// <summary>
/// The body of a background job that <see cref="LeasedJobRunner"/> runs every interval: on one node of the fleet while
/// that node holds the job's lease (<see cref="JobScope.Fleet"/>), or on every node (<see cref="JobScope.Node"/>).
/// </summary>
internal interface ILeasedJob
{
    /// <summary>One run. <paramref name="ct"/> fires when the node stops or the lease is lost; a failure is logged and the next interval retries.</summary>
    Task RunOnceAsync(CancellationToken ct);
}
