namespace Registry.Core.Primitives;

/// <summary>The <c>&lt;reference&gt;</c> of a manifest URL: a tag or a digest, never both.</summary>
public readonly struct Reference
{
    private Reference(TagName? tag, Digest digest)
    {
        Tag = tag;
        Digest = digest;
    }

    public TagName? Tag { get; }

    public Digest Digest { get; }

    public bool IsDigest => Tag is null;

    public static Reference ForTag(TagName tag) => new(tag, default);

    public static Reference ForDigest(Digest digest) => new(null, digest);

    /// <summary>
    /// A reference with a colon is a digest (tags cannot contain one); otherwise it must be a valid tag.
    /// </summary>
    public static ReferenceParseResult Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return ReferenceParseResult.InvalidTag;
        }

        if (text.Contains(':'))
        {
            if (Digest.TryParse(text, out Digest digest, out DigestParseError error))
            {
                return new ReferenceParseResult(ForDigest(digest), ReferenceParseError.None);
            }

            return error == DigestParseError.UnsupportedAlgorithm
                ? ReferenceParseResult.UnsupportedDigest
                : ReferenceParseResult.InvalidDigest;
        }

        return TagName.TryParse(text, out TagName? tag)
            ? new ReferenceParseResult(ForTag(tag), ReferenceParseError.None)
            : ReferenceParseResult.InvalidTag;
    }

    public override string ToString() => Tag?.Value ?? Digest.Value;
}
