using Registry.Api.Auth;
using Registry.Api.Management.Access;
using Registry.Api.Management.Models;
using Registry.Core.Artifacts;
using Registry.Core.Preheat;

namespace Registry.Api.Management;

/// <summary>
/// Preheat (docs/preheat.md): the edges (<c>GET</c>/<c>POST /api/v1/preheat/edges</c>, <c>GET</c>/<c>PATCH</c>/<c>DELETE
/// /api/v1/preheat/edges/{name}</c>), the rules that preheat pushed tags (<c>GET</c>/<c>POST /api/v1/preheat/rules</c>,
/// <c>DELETE /api/v1/preheat/rules/{name}</c>), and <c>POST /api/v1/preheat</c>, which asks edges to prefetch an
/// image and answers what each did. The rules (who may, what is valid, the audit) are <see cref="PreheatService"/>'s.
/// </summary>
internal static class PreheatEndpoints
{
    public static RouteGroupBuilder MapPreheatEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/preheat", PreheatAsync).Produces<PreheatRunModel>();
        api.MapGet("/preheat/edges", ListEdgesAsync).RequireGlobalAdmin("reading the preheat edges").Produces<PreheatEdgeList>();
        api.MapPost("/preheat/edges", CreateEdgeAsync).Produces<PreheatEdgeModel>(StatusCodes.Status201Created);
        api.MapGet("/preheat/edges/{name}", GetEdgeAsync).RequireGlobalAdmin("reading the preheat edges").Produces<PreheatEdgeModel>();
        api.MapMethods("/preheat/edges/{name}", [HttpMethods.Patch], UpdateEdgeAsync).Produces<PreheatEdgeModel>();
        api.MapDelete("/preheat/edges/{name}", DeleteEdgeAsync);
        api.MapGet("/preheat/rules", ListRulesAsync).RequireGlobalAdmin("reading the preheat rules").Produces<PreheatRuleList>();
        api.MapPost("/preheat/rules", CreateRuleAsync).Produces<PreheatRuleModel>(StatusCodes.Status201Created);
        api.MapDelete("/preheat/rules/{name}", DeleteRuleAsync);
        return api;
    }

    private static async Task<IResult> PreheatAsync(ManagementCaller caller, PreheatRunRequest body, HttpContext context, PreheatService preheat)
    {
        if (body.Query is { } query)
        {
            if (body.Repository is not null || body.Tag is not null || body.Digest is not null)
            {
                return ManagementCaller.BadRequest("query", "send either a query or repository and tag, not both");
            }

            (ArtifactChangeResult refused, IReadOnlyList<PreheatRan>? images) = await preheat.PreheatQueryAsync(
                context.GetActor(), caller.Permissions, new PreheatQuery(query.Namespace, query.Repository, query.Tag), body.Edges, body.Platforms, context.RequestAborted);
            return images is not null
                ? TypedResults.Ok(new PreheatQueryModel(images.All(i => i.Succeeded), [.. images.Select(PreheatRunModel.From)]))
                : Refused(refused);
        }

        if (body.Tag is not null && body.Digest is not null)
        {
            return ManagementCaller.BadRequest("tag", "send either tag or digest, not both");
        }

        (ArtifactChangeResult result, PreheatRan? ran) = await preheat.PreheatAsync(
            context.GetActor(), caller.Permissions, new PreheatRequest(body.Repository, body.Tag ?? body.Digest, body.Edges, body.Platforms), context.RequestAborted);
        return ran is not null ? TypedResults.Ok(PreheatRunModel.From(ran)) : Refused(result);
    }

    private static async Task<IResult> ListEdgesAsync(HttpContext context, IPreheatStore store)
    {
        IReadOnlyList<PreheatEdge> edges = await store.ListPreheatEdgesAsync(context.RequestAborted);
        return TypedResults.Ok(new PreheatEdgeList([.. edges.Select(PreheatEdgeModel.From)]));
    }

    private static async Task<IResult> GetEdgeAsync(string name, HttpContext context, IPreheatStore store)
    {
        return await store.GetPreheatEdgeAsync(name, context.RequestAborted) is { } edge
            ? TypedResults.Ok(PreheatEdgeModel.From(edge))
            : ManagementCaller.NotFound($"edge '{name}' does not exist");
    }

    private static async Task<IResult> CreateEdgeAsync(ManagementCaller caller, PreheatEdgeRequest body, HttpContext context, PreheatService preheat)
    {
        (ArtifactChangeResult result, PreheatEdge? edge) = await preheat.CreateEdgeAsync(
            context.GetActor(), caller.Permissions, new PreheatEdgeInput(body.Name, body.Url, body.RemoteKey, body.Username, body.Password), context.RequestAborted);
        return edge is not null
            ? TypedResults.Created($"/api/v1/preheat/edges/{edge.Name}", PreheatEdgeModel.From(edge))
            : Refused(result);
    }

    private static async Task<IResult> UpdateEdgeAsync(ManagementCaller caller, string name, PreheatEdgeRequest body, HttpContext context, PreheatService preheat)
    {
        (ArtifactChangeResult result, PreheatEdge? edge) = await preheat.UpdateEdgeAsync(
            context.GetActor(), caller.Permissions, name, new PreheatEdgeInput(body.Name, body.Url, body.RemoteKey, body.Username, body.Password), context.RequestAborted);
        return edge is not null ? TypedResults.Ok(PreheatEdgeModel.From(edge)) : Refused(result);
    }

    private static async Task<IResult> DeleteEdgeAsync(ManagementCaller caller, string name, HttpContext context, PreheatService preheat)
    {
        ArtifactChangeResult result = await preheat.DeleteEdgeAsync(context.GetActor(), caller.Permissions, name, context.RequestAborted);
        return result.Succeeded ? TypedResults.NoContent() : Refused(result);
    }

    private static async Task<IResult> ListRulesAsync(HttpContext context, IPreheatStore store)
    {
        IReadOnlyList<PreheatRule> rules = await store.ListPreheatRulesAsync(context.RequestAborted);
        return TypedResults.Ok(new PreheatRuleList([.. rules.Select(PreheatRuleModel.From)]));
    }

    private static async Task<IResult> CreateRuleAsync(ManagementCaller caller, PreheatRuleRequest body, HttpContext context, PreheatService preheat)
    {
        (ArtifactChangeResult result, PreheatRule? rule) = await preheat.CreateRuleAsync(
            context.GetActor(), caller.Permissions, body.Name, body.Repository, body.Tag, body.Edges, context.RequestAborted);
        return rule is not null
            ? TypedResults.Created($"/api/v1/preheat/rules/{rule.Name}", PreheatRuleModel.From(rule))
            : Refused(result);
    }

    private static async Task<IResult> DeleteRuleAsync(ManagementCaller caller, string name, HttpContext context, PreheatService preheat)
    {
        ArtifactChangeResult result = await preheat.DeleteRuleAsync(context.GetActor(), caller.Permissions, name, context.RequestAborted);
        return result.Succeeded ? TypedResults.NoContent() : Refused(result);
    }

    private static IResult Refused(ArtifactChangeResult result) => result.Status switch
    {
        ArtifactChangeStatus.Denied => ManagementCaller.Denied(result.Message!),
        ArtifactChangeStatus.NotFound => ManagementCaller.NotFound(result.Message!),
        ArtifactChangeStatus.Conflict => ManagementCaller.Conflict(result.Message!),
        _ => ManagementCaller.BadRequest(result.Field ?? "$", result.Message!),
    };
}
