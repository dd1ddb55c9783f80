namespace Registry.Api.Catalog;

/// <summary>One step of an image's build history (a Dockerfile instruction, typically); empty steps added no layer.</summary>
internal sealed record ImageHistoryStep(DateTimeOffset? Created, string? CreatedBy, string? Comment, bool EmptyLayer);
