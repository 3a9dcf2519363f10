using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Rooms;

namespace LiveCommerce.Tests.Hygiene;

public sealed class UrlAndIsoCodeTests
{
    [Theory]
    [InlineData("https://cdn.example.com/a.png", true)]
    [InlineData("http://93.184.216.34/a.png", true)]
    [InlineData("http://169.254.169.254/", false)]
    [InlineData("http://[fe80::1]/", false)]
    [InlineData("http://[::ffff:127.0.0.1]/", false)]
    [InlineData("http://192.168.1.1/", false)]
    [InlineData("http://172.20.0.1/", false)]
    [InlineData("http://100.64.0.1/", false)]
    [InlineData("http://0.0.0.0/", false)]
    [InlineData("http://shop.localhost/", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("/relative.png", false)]
    public void Public_urls_only(string url, bool ok) => Assert.Equal(ok, PublicUrl.IsAcceptable(url));

    [Fact]
    public void Iso_lists_hold_real_codes_only()
    {
        Assert.Contains("US", IsoCodes.Regions);
        Assert.Contains("DE", IsoCodes.Regions);
        Assert.DoesNotContain("ZZ", IsoCodes.Regions);
        Assert.Equal(249, IsoCodes.Regions.Count);
        Assert.Contains("USD", IsoCodes.Currencies);
        Assert.Contains("JPY", IsoCodes.Currencies);
        Assert.DoesNotContain("XYZ", IsoCodes.Currencies);
    }
}
