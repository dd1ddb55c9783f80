namespace Registry.Api.Management.Models;

/// <summary>A preheat rule: pushed tags of repositories matching <c>repository</c> (a glob) whose name matches <c>tag</c> (a regular expression) go to <c>edges</c> (all when omitted).</summary>
internal sealed record PreheatRuleRequest(string? Name, string? Repository, string? Tag, IReadOnlyList<string>? Edges);
