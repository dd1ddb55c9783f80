namespace Registry.Api.Management.Models;

/// <summary>The body of <c>POST /api/v1/fsck</c>; <see cref="Grace"/> (e.g. <c>"01:00:00"</c>) defaults to one hour.</summary>
internal sealed record FsckRequest(bool RemoveOrphans = false, TimeSpan? Grace = null);
