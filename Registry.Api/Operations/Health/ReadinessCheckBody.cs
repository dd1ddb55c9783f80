using System.Text.Json.Serialization;

namespace Registry.Api.Operations.Health;

/// <summary>One check in the <c>/readyz</c> body: <c>ok</c>, or <c>failed</c> with a short reason.</summary>
internal sealed record ReadinessCheckBody(
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);
