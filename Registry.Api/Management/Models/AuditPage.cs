namespace Registry.Api.Management.Models;

/// <summary>A page of the audit log, newest first; <c>next</c> is the <c>before</c> cursor for the following page.</summary>
internal sealed record AuditPage(IReadOnlyList<AuditEntryModel> Entries, long? Next);
