namespace Registry.Core.Artifacts;

/// <summary>What a change to artifact properties, repositories or their retention came to, with the message for a refusal.</summary>
/// <remarks><see cref="Field"/> names the input at fault when the change was <see cref="ArtifactChangeStatus.Invalid"/>.</remarks>
public sealed record ArtifactChangeResult(ArtifactChangeStatus Status, string? Message = null, string? Field = null)
{
    public static readonly ArtifactChangeResult Done = new(ArtifactChangeStatus.Done);

    public bool Succeeded => Status == ArtifactChangeStatus.Done;
}
