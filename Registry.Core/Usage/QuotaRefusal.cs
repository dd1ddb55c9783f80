namespace Registry.Core.Usage;

/// <summary>A push refused because namespace <paramref name="Namespace"/> would use <paramref name="WouldUse"/> bytes of its <paramref name="Limit"/>.</summary>
public sealed record QuotaRefusal(string Namespace, long WouldUse, long Limit)
{
    public string Message => QuotaMessage.Exceeded(Namespace, WouldUse, Limit);
}
