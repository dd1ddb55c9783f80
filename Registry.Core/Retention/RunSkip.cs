namespace Registry.Core.Retention;

/// <summary>A tag or manifest the plan named but the run left alone, and why.</summary>
public sealed record RunSkip(string Repository, string Item, string Reason);
