namespace Registry.Api.Management.Models;

/// <summary>A page of run history, newest first; <c>next</c> is the <c>before</c> cursor for the following page.</summary>
internal sealed record RetentionRunPage(IReadOnlyList<RetentionRunModel> Runs, long? Next);
