using System.Text;
using Registry.Api.Events;

namespace Registry.Tests.Events;

/// <summary>The signature header: sha256= and the lowercase hex HMAC-SHA256 of the exact body.</summary>
public sealed class WebhookSignatureTests
{
    [Fact]
    public void Compute_IsTheHexHmacOfTheBody_AsOpenSslComputesIt()
    {
        // printf '{"events":[]}' | openssl dgst -sha256 -hmac 'It's a Secret to Everybody'
        string signature = WebhookSignature.Compute("It's a Secret to Everybody", "{\"events\":[]}"u8);

        Assert.Equal("sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("It's a Secret to Everybody"), "{\"events\":[]}"u8)), signature);
        Assert.Matches("^sha256=[0-9a-f]{64}$", signature);
    }

    [Fact]
    public void Verify_AcceptsOnlyTheSignatureOfTheseBytesUnderThisSecret()
    {
        byte[] body = "{\"events\":[{\"id\":\"1\"}]}"u8.ToArray();
        string header = WebhookSignature.Compute("secret-one-0123456789", body);

        Assert.True(WebhookSignature.Verify("secret-one-0123456789", body, header));
        Assert.False(WebhookSignature.Verify("secret-two-0123456789", body, header));
        Assert.False(WebhookSignature.Verify("secret-one-0123456789", [.. body, (byte)' '], header));
        Assert.False(WebhookSignature.Verify("secret-one-0123456789", body, header.ToUpperInvariant()));
        Assert.False(WebhookSignature.Verify("secret-one-0123456789", body, null));
    }
}
