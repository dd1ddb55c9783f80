namespace Registry.Api.Management.Models;

/// <summary><c>POST .../tags/{tag}/restore</c>: the manifest to point the tag back at.</summary>
internal sealed record RestoreTagRequest(string? Digest);
