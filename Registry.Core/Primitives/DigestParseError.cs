namespace Registry.Core.Primitives;

public enum DigestParseError
{
    None,
    Malformed,
    UnsupportedAlgorithm,
}
