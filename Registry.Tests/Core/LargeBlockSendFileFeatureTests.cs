using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Registry.Api.Oci;

namespace Registry.Tests.Core;

/// <summary>
/// A blob download tolerates a client that stalls for a while (a deploy storm on a busy host) instead of Kestrel's
/// 5-second grace, but still has a minimum rate, so a reader who stopped reading is eventually cut off.
/// </summary>
public sealed class LargeBlockSendFileFeatureTests
{
    [Fact]
    public void Install_GivesTheDownloadAMinuteOfGrace_AndKeepsAMinimumRate()
    {
        var context = new DefaultHttpContext();
        var rate = new RateFeature { MinDataRate = new MinDataRate(240, TimeSpan.FromSeconds(5)) };
        context.Features.Set<IHttpMinResponseDataRateFeature>(rate);

        LargeBlockSendFileFeature.Install(context);

        Assert.IsType<LargeBlockSendFileFeature>(context.Features.Get<IHttpResponseBodyFeature>());
        Assert.NotNull(rate.MinDataRate);
        Assert.Equal(TimeSpan.FromMinutes(1), rate.MinDataRate.GracePeriod);
        Assert.Equal(240, rate.MinDataRate.BytesPerSecond);
    }

    private sealed class RateFeature : IHttpMinResponseDataRateFeature
    {
        public MinDataRate? MinDataRate { get; set; }
    }
}
