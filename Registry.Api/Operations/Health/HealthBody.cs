namespace Registry.Api.Operations.Health;

/// <summary>The body of <c>/healthz</c>: <c>{"status":"ok"}</c>.</summary>
internal sealed record HealthBody(string Status);
