namespace Registry.Core.Packages.Pypi;

/// <summary>The kinds of distribution file taken, by twine's <c>filetype</c> field.</summary>
public enum PypiFileKind
{
    /// <summary>A wheel, <c>bdist_wheel</c>: <c>{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl</c>.</summary>
    Wheel,

    /// <summary>A source distribution, <c>sdist</c>: <c>{name}-{version}.tar.gz</c> or <c>.zip</c>.</summary>
    Sdist,
}
