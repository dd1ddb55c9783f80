namespace Registry.Api.Packages.Npm;

internal static class NpmServiceCollectionExtensions
{
    /// <summary>Registers the Npm format's services (its <see cref="IPackageFormat"/> among them).</summary>
    public static IServiceCollection AddNpmPackages(this IServiceCollection services)
        => services.AddSingleton<IPackageFormat, NpmPackageFormat>().AddSingleton<NpmPublishSpool>();
}
