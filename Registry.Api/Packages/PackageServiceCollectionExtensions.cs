using Registry.Api.Packages.Npm;
using Registry.Api.Packages.Nuget;
using Registry.Api.Packages.Pypi;

namespace Registry.Api.Packages;

internal static class PackageServiceCollectionExtensions
{
    /// <summary>Registers the npm, PyPI and NuGet formats (each an <see cref="IPackageFormat"/> for the console).</summary>
    public static IServiceCollection AddPackages(this IServiceCollection services)
        => services.AddNpmPackages().AddPypiPackages().AddNugetPackages();
}
