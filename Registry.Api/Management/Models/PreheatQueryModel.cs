namespace Registry.Api.Management.Models;

/// <summary>What a preheat by catalog query came to: one run per tag it matched.</summary>
internal sealed record PreheatQueryModel(bool Succeeded, IReadOnlyList<PreheatRunModel> Images);
