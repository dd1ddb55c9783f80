using System.Diagnostics.CodeAnalysis;

namespace Registry.Core.Storage;

/// <summary>An upload session id: 32 lower-case hex characters (a random 128-bit value).</summary>
public readonly record struct UploadId
{
    private UploadId(string value) => Value = value;

    public string Value { get; }

    public static UploadId New() => new(Guid.NewGuid().ToString("N"));

    public static bool TryParse([NotNullWhen(true)] string? text, out UploadId id)
    {
        id = default;
        if (text is null || text.Length != 32)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c) && !char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        id = new UploadId(text);
        return true;
    }

    public override string ToString() => Value;
}
