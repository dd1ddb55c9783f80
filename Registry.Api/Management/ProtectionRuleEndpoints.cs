using System.Globalization;
using Registry.Api.Auth;
using Registry.Api.Management.Models;
using Registry.Core.Access;
using Registry.Core.Primitives;
using Registry.Core.Tags;

namespace Registry.Api.Management;

/// <summary>
/// Tag protection rules: <c>/api/v1/protection-rules</c>. Anyone who may pull from a rule's scope sees it; only those
/// who may manage the whole scope (maintainers and admins of the namespace or repository, or global ones) create or
/// delete it. Rules take effect at once on every node: the stores read them inside each tag change's transaction.
/// </summary>
internal static class ProtectionRuleEndpoints
{
    public static RouteGroupBuilder MapProtectionRuleEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/protection-rules", ListAsync);
        api.MapPost("/protection-rules", CreateAsync);
        api.MapGet("/protection-rules/{id}", GetAsync);
        api.MapDelete("/protection-rules/{id}", DeleteAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(ManagementCaller caller, string? @namespace, string? repository, HttpContext context, ManagementServices services)
    {
        IReadOnlyList<TagProtectionRule> rules;
        if (repository is not null)
        {
            if (!RepositoryName.TryParse(repository, out RepositoryName? name))
            {
                return ManagementCaller.BadRequest("repository", $"'{repository}' is not a valid repository name");
            }

            if (!caller.Permissions.Allows(name, AccessAction.Pull))
            {
                return ManagementCaller.Denied($"{caller.Caller.Subject} may not pull from '{name}'");
            }

            rules = await services.Tags.ListProtectionRulesForAsync(name, context.RequestAborted);
        }
        else
        {
            AccessScope? within = null;
            if (@namespace is not null)
            {
                if (!AccessScope.TryCreate(ScopeKind.Namespace, @namespace, out within))
                {
                    return ManagementCaller.BadRequest("namespace", $"'{@namespace}' is not a valid namespace");
                }
            }

            rules = await Rules(context).ListVisibleAsync(caller.Permissions, within, context.RequestAborted);
        }

        return TypedResults.Ok(new { rules = rules.Select(ProtectionRuleModel.From).ToList() });
    }

    private static async Task<IResult> GetAsync(ManagementCaller caller, string id, HttpContext context, ManagementServices services)
    {
        TagProtectionRule? rule = TryParseId(id, out long value) ? await Rules(context).FindVisibleAsync(caller.Permissions, value, context.RequestAborted) : null;
        return rule is not null ? TypedResults.Ok(ProtectionRuleModel.From(rule)) : NotFound(id);
    }

    private static async Task<IResult> CreateAsync(ManagementCaller caller, CreateProtectionRuleRequest request, HttpContext context, ManagementServices services)
    {
        if ((request.Namespace is null) == (request.Repository is null))
        {
            return ManagementCaller.BadRequest(request.Namespace is null ? "namespace" : "repository", "give exactly one of namespace and repository");
        }

        if (!(request.Namespace is not null
                ? AccessScope.TryCreate(ScopeKind.Namespace, request.Namespace, out AccessScope? scope)
                : AccessScope.TryCreate(ScopeKind.Repository, request.Repository, out scope)))
        {
            return ManagementCaller.BadRequest(request.Namespace is not null ? "namespace" : "repository", $"'{request.Namespace ?? request.Repository}' is not a valid {(request.Namespace is not null ? "namespace" : "repository name")}");
        }

        if (!TagProtectionKinds.TryParse(request.Kind, out TagProtectionKind? kind))
        {
            return ManagementCaller.BadRequest("kind", $"kind must be {TagProtectionKinds.Immutable} or {TagProtectionKinds.ProtectedFromDeletion}, not '{request.Kind}'");
        }

        ProtectionRuleResult result = await Rules(context).CreateAsync(context.GetActor(), caller.Permissions, scope.Value, request.Pattern, kind.Value, context.RequestAborted);
        return result.Status switch
        {
            ProtectionRuleStatus.Created => TypedResults.Created($"/api/v1/protection-rules/{result.Rule!.Id}", ProtectionRuleModel.From(result.Rule)),
            ProtectionRuleStatus.Denied => ManagementCaller.Denied(result.Message!),
            ProtectionRuleStatus.Conflict => ManagementCaller.Conflict(result.Message!),
            _ => ManagementCaller.BadRequest("pattern", result.Message!),
        };
    }

    private static async Task<IResult> DeleteAsync(ManagementCaller caller, string id, HttpContext context, ManagementServices services)
    {
        if (!TryParseId(id, out long value))
        {
            return NotFound(id);
        }

        ProtectionRuleResult result = await Rules(context).DeleteAsync(context.GetActor(), caller.Permissions, value, context.RequestAborted);
        return result.Status switch
        {
            ProtectionRuleStatus.Deleted => TypedResults.NoContent(),
            ProtectionRuleStatus.Denied => ManagementCaller.Denied(result.Message!),
            _ => NotFound(id),
        };
    }

    private static bool TryParseId(string id, out long value) => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static ProtectionRuleService Rules(HttpContext context) => context.RequestServices.GetRequiredService<ProtectionRuleService>();

    private static IResult NotFound(string id) => ManagementCaller.NotFound($"no protection rule '{id}'");
}
