namespace Registry.Api.Management.Models;

/// <summary>A new password; users changing their own must also send the current one.</summary>
internal sealed record PasswordRequest(string? Password, string? CurrentPassword);
