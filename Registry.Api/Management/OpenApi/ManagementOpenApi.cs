using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Registry.Api.Management.Access;

namespace Registry.Api.Management;

/// <summary>
/// The OpenAPI document of <c>/api/v1</c>, served at <see cref="DocumentPath"/> to anyone (it describes the
/// operations and shapes, no data), and the reference page at <see cref="ReferencePath"/> that renders it.
/// </summary>
internal static class ManagementOpenApi
{
    public const string DocumentName = "v1";

    public const string DocumentPath = "/api/v1/openapi.json";

    public const string ReferencePath = "/api/v1/docs";

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.ActionDescriptor.EndpointMetadata.OfType<ManagementCallerRequired>().Any();
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Registry management API",
                Version = "v1",
                Description = "Users, roles, CI tokens, repositories, tags, retention, webhooks, usage and operations. "
                    + "Every operation takes Basic credentials (a password or CI token) or a bearer token with the scope "
                    + "registry:management:*; errors are RFC 9457 problem details with a stable `code` (see docs/api.md).",
            };
            return Task.CompletedTask;
        });
    }

    /// <summary>Maps the document and the reference page (both readable without credentials).</summary>
    public static IEndpointRouteBuilder MapManagementOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath);
        string page = ReferencePage.Render();
        app.MapGet(ReferencePath, () => TypedResults.Content(page, "text/html; charset=utf-8")).ExcludeFromDescription();
        return app;
    }
}
