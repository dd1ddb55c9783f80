namespace Registry.Core.Catalog;

/// <summary>
/// Repository names from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive) in ordinal order, the order
/// of both metadata stores' name indexes, so a range is read with one index range scan.
/// </summary>
public readonly record struct NameRange(string From, string To)
{
    // Repository names use only [a-z0-9._/-]: U+0001 sorts before every character a longer name can continue with,
    // and U+007F after every character a name can start with. (PostgreSQL text cannot hold U+0000; these it can.)
    private const string BeforeEveryNameCharacter = "\u0001";
    private const string AfterEveryName = "\u007f";

    /// <summary>Every repository name.</summary>
    public static NameRange All { get; } = new(string.Empty, AfterEveryName);

    /// <summary>Only <paramref name="name"/>.</summary>
    public static NameRange Exactly(string name) => new(name, name + BeforeEveryNameCharacter);

    /// <summary>The names below a path prefix (<c>team/</c>...), without the prefix itself.</summary>
    public static NameRange Below(string prefix) => new(prefix + "/", prefix + "0");   // '0' follows '/'

    public bool IsEmpty => string.CompareOrdinal(From, To) >= 0;

    public bool Contains(string name) => string.CompareOrdinal(name, From) >= 0 && string.CompareOrdinal(name, To) < 0;

    public override string ToString() => $"[{From},{To})";
}
