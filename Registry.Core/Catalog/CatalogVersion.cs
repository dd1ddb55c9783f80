namespace Registry.Core.Catalog;

/// <summary>
/// Where a view of the catalog stands. Any tag change or flushed pull count in the view changes
/// <see cref="Version"/>, which is how an unchanged catalog is recognised without reading it.
/// </summary>
/// <param name="Repositories">How many repositories of the view have ever changed (-1 for the whole catalog).</param>
/// <param name="Version">For the whole catalog a registry-wide counter, otherwise the sum of the view's per-repository counters; each only grows.</param>
/// <param name="ChangeSequence">The newest tag change in the view (0 if none): what a change cursor starts from.</param>
public readonly record struct CatalogVersion(long Repositories, long Version, long ChangeSequence);
