namespace Registry.Core.Artifacts;

/// <summary>What a change to artifact properties, repositories or their retention came to, with the message for a refusal.</summary>
public sealed record ArtifactChangeResult(ArtifactChangeStatus Status, string? Message = null)
{
    public static readonly ArtifactChangeResult Done = new(ArtifactChangeStatus.Done);

    public bool Succeeded => Status == ArtifactChangeStatus.Done;
}
