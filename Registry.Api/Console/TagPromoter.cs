using Registry.Api.Auth;
using Registry.Core.Changes;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Console;

/// <summary>
/// Retags (a new tag on the same manifest, in the same repository) and promotes (the manifest, under a tag, into
/// another repository). Promoting links the blobs into the target as a cross-repository mount does
/// (<see cref="Core.Content.BlobLinkService.MountAsync"/>, no bytes copied), puts an index's child manifests first,
/// and then the manifest under the tag through <see cref="Core.Content.ManifestService.PutAsync"/>, so protection
/// rules, tag history, floating tags, the namespace quota, audit entries (<c>tag.copy</c>/<c>tag.promote</c>,
/// <c>tag.create</c>/<c>tag.move</c>, <c>tag.float</c>) and webhooks apply as for a push.
/// </summary>
internal sealed class TagPromoter(ConsoleServices services)
{
    /// <summary>Null when done, else why not.</summary>
    public async ValueTask<string?> CopyAsync(HttpContext context, RepositoryName from, TagName tag, RepositoryName to, TagName target, CancellationToken ct)
    {
        ManifestRecord? source = await services.Metadata.ResolveTagAsync(from, tag, ct);
        if (source is null)
        {
            return $"'{from}:{tag}' does not exist";
        }

        (ManifestWrite? write, ParsedManifest? parsed, string? error) = await PrepareAsync(context.GetActor(), from, to, source, depth: 0, ct);
        if (write is null || parsed is null)
        {
            return error;
        }

        Actor actor = context.GetActor();
        if (await services.Metadata.GetManifestAsync(to, write.Digest, ct) is null
            && await services.Manifests.CheckAsync(to, write, ct) is { Status: not PutManifestStatus.Stored } refused)
        {
            return Refusal(to, refused);
        }

        PutManifestResult stored = await services.Manifests.PutAsync(actor, to, write, parsed, target, new TagSource(from, tag), ct);
        return stored.Status == PutManifestStatus.Stored ? null : Refusal(to, stored);
    }

    private static string Refusal(RepositoryName to, PutManifestResult result)
        => result.Violation is { } refused ? refused.Message
            : result.OverQuota is { } quota ? quota.Message
            : $"'{to}' lacks {result.Offending?.Digest}";

    /// <summary>The manifest's write for the target, with its blobs mounted and child manifests put there first.</summary>
    private async ValueTask<(ManifestWrite?, ParsedManifest?, string?)> PrepareAsync(Actor actor, RepositoryName from, RepositoryName to, ManifestRecord source, int depth, CancellationToken ct)
    {
        byte[]? content = await services.Details.ReadManifestAsync(source.Digest, source.Size, ct);
        if (content is null || ManifestParser.Parse(content, source.MediaType).Manifest is not { } parsed)
        {
            return (null, null, $"the manifest {source.Digest} cannot be read from storage");
        }

        ManifestWrite write = ManifestWrite.From(source.Digest, content.Length, parsed);
        if (from == to)
        {
            return (write, parsed, null);
        }

        foreach (ManifestDependency dependency in write.Dependencies)
        {
            if (dependency.Kind == DependencyKind.Blob)
            {
                if (await services.Metadata.GetRepositoryBlobAsync(to, dependency.Digest, ct) is null
                    && await services.BlobLinks.MountAsync(actor, from, to, dependency.Digest, ct) is null)
                {
                    return (null, null, $"blob {dependency.Digest} is not in '{from}'");
                }
            }
            else if (await services.Metadata.GetManifestAsync(to, dependency.Digest, ct) is null)
            {
                if (depth > 0 || await services.Metadata.GetManifestAsync(from, dependency.Digest, ct) is not { } child)
                {
                    return (null, null, $"manifest {dependency.Digest} is not in '{from}'");
                }

                (ManifestWrite? childWrite, ParsedManifest? childParsed, string? error) = await PrepareAsync(actor, from, to, child, depth + 1, ct);
                if (childWrite is null || childParsed is null)
                {
                    return (null, null, error);
                }

                PutManifestResult stored = await services.Manifests.PutAsync(actor, to, childWrite, childParsed, null, null, ct);
                if (stored.Status != PutManifestStatus.Stored)
                {
                    return (null, null, $"manifest {dependency.Digest} could not be put into '{to}'");
                }
            }
        }

        return (write, parsed, null);
    }
}
