namespace Registry.Api.Oci;

/// <summary><c>GET /v2/</c>: tells clients this is a registry speaking the v2 API.</summary>
internal static class BaseHandler
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    public static IResult Get() => Results.Bytes(EmptyObject, "application/json");
}
