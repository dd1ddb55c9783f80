namespace Registry.Api.Jobs;

/// <summary>A registered job: its name (also its lease's) and where it runs.</summary>
internal sealed record JobDefinition(string Name, JobScope Scope);
