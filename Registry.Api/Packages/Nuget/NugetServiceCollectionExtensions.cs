namespace Registry.Api.Packages.Nuget;

internal static class NugetServiceCollectionExtensions
{
    /// <summary>Registers the Nuget format's services (its <see cref="IPackageFormat"/> among them).</summary>
    public static IServiceCollection AddNugetPackages(this IServiceCollection services)
        => services.AddSingleton<IPackageFormat, NugetPackageFormat>()
            .AddSingleton<NugetPushSpools>()
            .AddSingleton<NugetSearch>();
}
