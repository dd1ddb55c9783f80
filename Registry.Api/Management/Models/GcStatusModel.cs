using Registry.Core.Gc;

namespace Registry.Api.Management.Models;

/// <summary><c>GET /api/v1/gc</c>: the settings that shape collection, the review queue, and the latest passes (newest first).</summary>
internal sealed record GcStatusModel(
    bool Enabled,
    TimeSpan Interval,
    TimeSpan ReviewDelay,
    TimeSpan PinDuration,
    GcQueueStatus Queue,
    GcRunModel? LastRun,
    IReadOnlyList<GcRunModel> Runs);
