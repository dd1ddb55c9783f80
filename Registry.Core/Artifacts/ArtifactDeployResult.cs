namespace Registry.Core.Artifacts;

/// <summary>What a deploy (or the check before its bytes are stored) came to, with the reason for a refusal.</summary>
public sealed record ArtifactDeployResult(ArtifactPutStatus Status, string? Message = null)
{
    public bool Succeeded => Status is ArtifactPutStatus.Created or ArtifactPutStatus.Replaced;
}
