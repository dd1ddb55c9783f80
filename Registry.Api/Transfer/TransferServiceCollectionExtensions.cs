using Registry.Core.Transfer;

namespace Registry.Api.Transfer;

internal static class TransferServiceCollectionExtensions
{
    /// <summary>Air-gapped transfer: exports to and imports from OCI image layouts (see docs/airgap.md).</summary>
    public static IServiceCollection AddTransfer(this IServiceCollection services)
    {
        services.AddSingleton<ExportService>();
        services.AddSingleton<ImportService>();
        return services;
    }
}
