using Registry.Api.Http;
using Registry.Api.Oci;
using Registry.Core.Errors;
using Registry.Core.Usage;

namespace Registry.Api.Usage;

/// <summary>
/// The distribution API's answer to a push refused for its namespace's quota: 403 DENIED with the refusal's message.
/// The check itself is <see cref="QuotaService.RefusalAsync"/> before the bytes are stored (through
/// <see cref="Core.Content.ManifestService.CheckAsync"/>) and the store's inside the write transaction (docs/quotas.md).
/// </summary>
internal static class QuotaCheck
{
    public static IResult Denied(QuotaRefusal refusal) => OciResults.Error(OciErrorCode.Denied, null, null, refusal.Message);
}
