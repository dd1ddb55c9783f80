namespace Registry.Core.Packages.Pypi;

/// <summary>
/// One file on a project page (PEP 503/691): its name, where to get it (absolute, or relative to the page), its SHA-256
/// when known, its <c>Requires-Python</c>, and why it was yanked (empty: yanked without a reason; null: not yanked).
/// </summary>
public sealed record PypiLink(string FileName, string Url, string? Sha256, string? RequiresPython, string? Yanked);
