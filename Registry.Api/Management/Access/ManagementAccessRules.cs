using Registry.Api.Management.Problems;

namespace Registry.Api.Management.Access;

/// <summary>
/// Role requirements declared per endpoint: an endpoint filter that answers 403 <c>denied</c> unless the resolved
/// caller satisfies the rule. <c>.RequireGlobalAdmin("listing users")</c> answers "listing users needs the global
/// admin role".
/// </summary>
internal static class ManagementAccessRules
{
    public static TBuilder RequireGlobalAdmin<TBuilder>(this TBuilder builder, string what)
        where TBuilder : IEndpointConventionBuilder
        => builder.RequireCaller(caller => caller.Permissions.IsGlobalAdmin, _ => $"{what} needs the global admin role");

    /// <summary>Lets the request through when <paramref name="allows"/> holds for the caller and request; otherwise 403 with <paramref name="message"/>.</summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder builder, Func<ManagementCaller, bool> allows, Func<EndpointFilterInvocationContext, string> message)
        where TBuilder : IEndpointConventionBuilder
        => builder.RequireCaller((caller, _) => allows(caller), message);

    public static TBuilder RequireCaller<TBuilder>(this TBuilder builder, Func<ManagementCaller, EndpointFilterInvocationContext, bool> allows, Func<EndpointFilterInvocationContext, string> message)
        where TBuilder : IEndpointConventionBuilder
        => builder.AddEndpointFilter(async (context, next) =>
        {
            ManagementCaller caller = ManagementCaller.From(context.HttpContext);
            return allows(caller, context) ? await next(context) : ApiProblems.Denied(message(context));
        });
}
