using System.Net;
using Registry.Core.Changes;

namespace Registry.Api.Auth;

internal static class HttpContextActorExtensions
{
    /// <summary>The request's caller as the <see cref="Actor"/> the application services take, with the request it came with.</summary>
    public static Actor GetActor(this HttpContext context)
    {
        Caller caller = context.GetCaller();
        ActorKind kind = caller.Kind switch
        {
            CallerKind.User => ActorKind.User,
            CallerKind.CiToken => ActorKind.CiToken,
            _ => ActorKind.Anonymous,
        };
        HttpRequest request = context.Request;
        ConnectionInfo connection = context.Connection;
        IPAddress? address = connection.RemoteIpAddress;
        string? host = request.Host.HasValue ? request.Host.Value : null;
        var origin = new RequestOrigin(
            context.TraceIdentifier,
            address is null ? null : new IPEndPoint(address, connection.RemotePort).ToString(),
            address?.ToString(),
            host,
            request.Method,
            request.Headers.UserAgent.ToString(),
            host is null ? null : $"{request.Scheme}://{host}{request.PathBase}",
            connection.LocalPort);
        return new Actor(kind, caller.Subject, origin);
    }
}
