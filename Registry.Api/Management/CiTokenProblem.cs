namespace Registry.Api.Management;

/// <summary>Why a CI token cannot be created as asked: an invalid request, or one the creator's own roles do not cover (<paramref name="Denied"/>).</summary>
internal sealed record CiTokenProblem(string Message, bool Denied)
{
    public static CiTokenProblem Invalid(string message) => new(message, false);

    public static CiTokenProblem Refused(string message) => new(message, true);
}
