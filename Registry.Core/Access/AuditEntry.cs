namespace Registry.Core.Access;

/// <summary>One audited event: who did what to which target, when, from where, and whether it succeeded.</summary>
/// <param name="Id">Assigned by the store (0 before it is stored); increases with insertion order.</param>
/// <param name="Actor">User name, <c>token:&lt;name&gt;</c> for CI tokens, or <c>anonymous</c>.</param>
/// <param name="Action">A dotted event name, e.g. <c>manifest.push</c>, <c>login.failure</c>, <c>token.create</c>.</param>
/// <param name="Target">What it acted on, e.g. <c>team/app:1.0</c> or a user name.</param>
/// <param name="Detail">Free text: digest, role, reason.</param>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset At,
    string Actor,
    string? ClientAddress,
    string Action,
    string? Target,
    string? Detail,
    bool Success);
