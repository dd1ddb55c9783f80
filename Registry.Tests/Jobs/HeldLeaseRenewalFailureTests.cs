using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Api.Jobs;
using Registry.Core.Storage;

namespace Registry.Tests.Jobs;

/// <summary>
/// A holder whose renewals fail (the store is unreachable from its node) keeps the lease while its row is still
/// valid, and gives it up no later than the moment another node can take it.
/// </summary>
public sealed class HeldLeaseRenewalFailureTests : IAsyncLifetime
{
    private const string Lease = "gc-pass";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private readonly JobTestBed _bed = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task FailingRenewals_KeepTheLeaseWhileItsRowIsValid_AndLoseItWhenAnotherNodeCanTakeIt()
    {
        var store = LeaseFailingStore.Wrap(_bed.Store);
        var leases = new JobLeases(store, _bed.Time, NullLogger<JobLeases>.Instance);
        await using HeldLease? lease = await leases.TryTakeAsync(Lease, "node-a", JobTestBed.Ttl, CancellationToken.None);
        Assert.NotNull(lease);

        ((LeaseFailingStore)(object)store).Failing = true;
        TimeSpan rowLifetime = JobLeases.RowLifetime(JobTestBed.Ttl);

        Assert.False(await _bed.AdvanceUntilAsync(() => lease.IsLost, Step, rowLifetime - Step));
        Assert.False(await _bed.CanTakeAsync(Lease, "node-b"));
        Assert.True(await _bed.AdvanceUntilAsync(() => lease.IsLost, Step, Step + Step));
        Assert.True(await _bed.CanTakeAsync(Lease, "node-b"));
    }

    /// <summary>The real store, except that lease takes and renewals throw while <see cref="Failing"/> is set.</summary>
    public class LeaseFailingStore : DispatchProxy
    {
        private IMetadataStore _inner = null!;

        public volatile bool Failing;

        public static IMetadataStore Wrap(IMetadataStore inner)
        {
            IMetadataStore proxy = Create<IMetadataStore, LeaseFailingStore>();
            ((LeaseFailingStore)(object)proxy)._inner = inner;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (Failing && targetMethod!.Name == nameof(IMetadataStore.TryAcquireLeaseAsync))
            {
                return ValueTask.FromException<bool>(new InvalidOperationException("the store is unreachable"));
            }

            try
            {
                return targetMethod!.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(e.InnerException);
                throw;
            }
        }
    }
}
