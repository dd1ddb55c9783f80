using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Registry.Core.Access;

using Registry.Api.Settings;

namespace Registry.Api.Console;

/// <summary>Registers the web console: Razor components, its cookie scheme, anti-forgery and the shared Data Protection key ring.</summary>
internal static class ConsoleServiceCollectionExtensions
{
    public static IServiceCollection AddRegistryConsole(this IServiceCollection services, ConsoleSettings settings)
    {
        services.AddSettings<ConsoleSettings, ConsoleSettingsValidator>(ConsoleSettings.SectionName);
        // Data Protection also guards anti-forgery tokens; its keys live in the metadata store whether or not the
        // console is on, so nodes agree on them and restarts keep sessions.
        services.AddDataProtection().SetApplicationName("Registry");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IDataProtectionKeyStore, TimeProvider>((o, store, time) => o.XmlRepository = new MetadataXmlRepository(store, time));
        if (!settings.Enabled)
        {
            return services;
        }

        services.AddRazorComponents();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "registry_console_af";
            o.Cookie.Path = ConsoleEndpoints.BasePath;
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });

        // A named scheme, never the default: only console pages ask for it (ConsoleSession), so a console cookie
        // sent along to /v2, /token or /api/v1 authenticates nothing there.
        services.AddAuthentication().AddCookie(ConsoleCookie.Scheme, o => ConsoleCookie.Configure(o, settings));
        services.AddSingleton<ConsoleServices>();
        services.AddScoped<ConsoleSession>();
        services.AddSingleton<TagPromoter>();
        services.AddSingleton<RepositoryTagsReader>();
        services.AddSingleton<RepositoryFinder>();
        services.AddSingleton<ManifestInspector>();
        return services;
    }
}
