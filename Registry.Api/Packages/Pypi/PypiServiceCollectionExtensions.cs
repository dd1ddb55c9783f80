namespace Registry.Api.Packages.Pypi;

internal static class PypiServiceCollectionExtensions
{
    /// <summary>Registers the Pypi format's services (its <see cref="IPackageFormat"/> among them).</summary>
    public static IServiceCollection AddPypiPackages(this IServiceCollection services) => services.AddSingleton<IPackageFormat, PypiPackageFormat>();
}
