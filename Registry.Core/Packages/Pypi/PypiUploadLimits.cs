namespace Registry.Core.Packages.Pypi;

/// <summary>The limits of an upload's form (docs/packages.md, PyPI); the file itself is streamed and not limited here.</summary>
public static class PypiUploadLimits
{
    /// <summary>The most one text field may hold (a long README in <c>description</c> fits).</summary>
    public const int MaxFieldBytes = 256 * 1024;

    /// <summary>The most all text fields together may hold.</summary>
    public const int MaxFormBytes = 1024 * 1024;

    /// <summary>The most parts a form may have.</summary>
    public const int MaxParts = 500;

    /// <summary>The longest <c>summary</c> (PyPI's limit), one line.</summary>
    public const int MaxSummaryLength = 512;

    /// <summary>The longest <c>requires_python</c> and each <c>requires_dist</c>.</summary>
    public const int MaxSpecifierLength = 1000;

    /// <summary>The most <c>requires_dist</c> entries.</summary>
    public const int MaxRequiresDist = 200;
}
