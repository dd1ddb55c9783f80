namespace Registry.Api.Operations.Health;

/// <summary>
/// One dependency <c>/readyz</c> checks with a cheap real operation. It completes when the dependency answered
/// (whatever the answer) and throws when it could not be reached; the probe bounds it with a timeout.
/// </summary>
internal interface IReadinessCheck
{
    /// <summary>The name in the <c>/readyz</c> body, e.g. <c>metadata</c>.</summary>
    string Name { get; }

    ValueTask CheckAsync(CancellationToken ct);
}
