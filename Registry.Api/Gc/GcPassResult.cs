using Registry.Core.Gc;

namespace Registry.Api.Gc;

/// <summary>A finished collection pass: its recorded run and the blobs it removed.</summary>
internal sealed record GcPassResult(GcRun Run, IReadOnlyList<GcCandidate> Removed);
