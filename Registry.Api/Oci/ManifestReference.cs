using Registry.Api.Http;
using Registry.Core.Errors;
using Registry.Core.Primitives;

namespace Registry.Api.Oci;

/// <summary>Turns the <c>&lt;reference&gt;</c> of a manifest URL into a tag or digest, or the matching error.</summary>
internal static class ManifestReference
{
    public static bool TryParse(string text, out Reference reference, out OciErrorResult? error)
    {
        ReferenceParseResult parsed = Reference.Parse(text);
        reference = parsed.Reference;
        error = parsed.Error switch
        {
            ReferenceParseError.None => null,
            ReferenceParseError.InvalidTag => OciResults.Error(OciErrorCode.TagInvalid, $"'{text}' is not a valid tag (^[a-zA-Z0-9_][a-zA-Z0-9._-]{{0,127}}$)"),
            ReferenceParseError.UnsupportedDigest => OciResults.Error(OciErrorCode.DigestInvalid, $"digest algorithm of '{text}' is not supported; use sha256 or sha512"),
            _ => OciResults.Error(OciErrorCode.DigestInvalid, $"'{text}' is not a valid digest"),
        };
        return error is null;
    }
}
