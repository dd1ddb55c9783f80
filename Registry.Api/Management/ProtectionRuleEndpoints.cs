using System.Globalization;
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

    private static async Task<IResult> ListAsync(string? @namespace, string? repository, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null)
        {
            return error!;
        }

        IReadOnlyList<TagProtectionRule> rules;
        if (repository is not null)
        {
            if (!RepositoryName.TryParse(repository, out RepositoryName? name))
            {
                return ManagementCaller.BadRequest($"'{repository}' is not a valid repository name");
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
                    return ManagementCaller.BadRequest($"'{@namespace}' is not a valid namespace");
                }
            }

            IReadOnlyList<TagProtectionRule> all = await services.Tags.ListProtectionRulesAsync(context.RequestAborted);
            rules = [.. all.Where(r => (within is null || r.Scope.IsWithin(within.Value)) && MaySee(caller, r))];
        }

        return Results.Ok(new { rules = rules.Select(ProtectionRuleModel.From).ToList() });
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null)
        {
            return error!;
        }

        TagProtectionRule? rule = await FindAsync(id, services, context.RequestAborted);
        return rule is not null && MaySee(caller, rule) ? Results.Ok(ProtectionRuleModel.From(rule)) : NotFound(id);
    }

    private static async Task<IResult> CreateAsync(CreateProtectionRuleRequest request, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null)
        {
            return error!;
        }

        if ((request.Namespace is null) == (request.Repository is null))
        {
            return ManagementCaller.BadRequest("give exactly one of namespace and repository");
        }

        if (!(request.Namespace is not null
                ? AccessScope.TryCreate(ScopeKind.Namespace, request.Namespace, out AccessScope? scope)
                : AccessScope.TryCreate(ScopeKind.Repository, request.Repository, out scope)))
        {
            return ManagementCaller.BadRequest($"'{request.Namespace ?? request.Repository}' is not a valid {(request.Namespace is not null ? "namespace" : "repository name")}");
        }

        if (TagPattern.Validate(request.Pattern) is { } problem)
        {
            return ManagementCaller.BadRequest(problem);
        }

        if (!TagProtectionKinds.TryParse(request.Kind, out TagProtectionKind? kind))
        {
            return ManagementCaller.BadRequest($"kind must be {TagProtectionKinds.Immutable} or {TagProtectionKinds.ProtectedFromDeletion}, not '{request.Kind}'");
        }

        if (MayManage(caller, scope.Value) is { } denied)
        {
            return denied;
        }

        var draft = new TagProtectionRule(0, scope.Value, request.Pattern!, kind.Value, caller.Caller.Subject, services.Time.GetUtcNow());
        TagProtectionRule? created = await services.Tags.CreateProtectionRuleAsync(draft, context.RequestAborted);
        if (created is null)
        {
            return ManagementCaller.Conflict($"{scope} already has a {kind.Value.ToName()} rule for the pattern '{request.Pattern}'");
        }

        services.Audit.Record(context, "protection.create", scope.Value.ToString(), created.Describe());
        return Results.Created($"/api/v1/protection-rules/{created.Id}", ProtectionRuleModel.From(created));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null)
        {
            return error!;
        }

        TagProtectionRule? rule = await FindAsync(id, services, context.RequestAborted);
        if (rule is null || !MaySee(caller, rule))
        {
            return NotFound(id);
        }

        if (MayManage(caller, rule.Scope) is { } denied)
        {
            return denied;
        }

        if (!await services.Tags.DeleteProtectionRuleAsync(rule.Id, context.RequestAborted))
        {
            return NotFound(id);
        }

        services.Audit.Record(context, "protection.delete", rule.Scope.ToString(), rule.Describe());
        return Results.NoContent();
    }

    private static async Task<TagProtectionRule?> FindAsync(string id, ManagementServices services, CancellationToken ct)
        => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? await services.Tags.GetProtectionRuleAsync(value, ct)
            : null;

    /// <summary>A rule is visible to whoever may pull from its repository, or (a namespace rule) from its whole namespace.</summary>
    private static bool MaySee(ManagementCaller caller, TagProtectionRule rule)
        => rule.Scope.Kind == ScopeKind.Repository
            ? caller.Permissions.Allows(RepositoryName.Parse(rule.Scope.Name), AccessAction.Pull)
            : (caller.Permissions.OnScope(rule.Scope) & AccessAction.Pull) != 0;

    private static IResult? MayManage(ManagementCaller caller, AccessScope scope)
        => (caller.Permissions.OnScope(scope) & AccessAction.Manage) != 0
            ? null
            : ManagementCaller.Denied($"{caller.Caller.Subject} may not manage protection rules on {scope}: that needs the maintainer or admin role there");

    private static IResult NotFound(string id) => ManagementCaller.NotFound($"no protection rule '{id}'");
}
