using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Registry.Api.Hosting;

internal static class ForwardedHeadersSetup
{
    /// <summary>Believes forwarded headers from the configured proxies only; without any, the middleware is not added.</summary>
    public static WebApplication UseTrustedForwardedHeaders(this WebApplication app)
    {
        List<string> proxies = app.Services.GetRequiredService<IOptions<NetworkSettings>>().Value.TrustedProxies;
        if (proxies.Count == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            ForwardLimit = null,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (string entry in proxies)
        {
            if (entry.Contains('/'))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(entry, out System.Net.IPNetwork network)
                    ? network
                    : throw new OptionsValidationException(nameof(NetworkSettings.TrustedProxies), typeof(NetworkSettings), [$"Registry:Network:TrustedProxies: '{entry}' is not a CIDR network."]));
            }
            else
            {
                options.KnownProxies.Add(IPAddress.TryParse(entry, out IPAddress? address)
                    ? address
                    : throw new OptionsValidationException(nameof(NetworkSettings.TrustedProxies), typeof(NetworkSettings), [$"Registry:Network:TrustedProxies: '{entry}' is not an IP address."]));
            }
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
