namespace Registry.Api.Operations.Health;

/// <summary>
/// The body of <c>/readyz</c>: <c>{"status":"ready"|"unavailable","checks":{"metadata":{"status":"ok"},
/// "blobs":{"status":"failed","error":"..."}}}</c>.
/// </summary>
internal sealed record ReadinessBody(string Status, IReadOnlyDictionary<string, ReadinessCheckBody> Checks);
