namespace Registry.Core.Primitives;

public enum ReferenceParseError
{
    None,
    InvalidTag,
    InvalidDigest,
    UnsupportedDigest,
}

public readonly record struct ReferenceParseResult(Reference Reference, ReferenceParseError Error)
{
    public static ReferenceParseResult InvalidTag => new(default, ReferenceParseError.InvalidTag);

    public static ReferenceParseResult InvalidDigest => new(default, ReferenceParseError.InvalidDigest);

    public static ReferenceParseResult UnsupportedDigest => new(default, ReferenceParseError.UnsupportedDigest);

    public bool Success => Error == ReferenceParseError.None;
}
