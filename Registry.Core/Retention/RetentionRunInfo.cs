namespace Registry.Core.Retention;

/// <summary>What the engine knows of a run for its record: the request, when it started and finished, and the errors it met.</summary>
public sealed record RetentionRunInfo(RetentionRequest Request, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, IReadOnlyList<string> Errors);
