namespace Registry.Api.Operations.Health;

/// <summary>The outcome of one readiness check: null <see cref="Error"/> when it passed.</summary>
internal sealed record ReadinessResult(string Name, string? Error)
{
    public bool Passed => Error is null;
}
