using KeepnetHost.Platform;
using NodaTime.TimeZones;

namespace KeepnetHost.Tests.Platform;

public sealed class CountryTimeZonesTests
{
    private static readonly CountryTimeZones Zones = new();

    [Theory]
    [InlineData("GB", "Europe/London")]
    [InlineData("gb", "Europe/London")]
    [InlineData(" GB ", "Europe/London")]
    [InlineData("US", "America/New_York")]
    [InlineData("CA", "America/Toronto")]
    [InlineData("RU", "Europe/Moscow")]
    [InlineData("BR", "America/Sao_Paulo")]
    [InlineData("AU", "Australia/Sydney")]
    [InlineData("TR", "Europe/Istanbul")]
    [InlineData("Europe/London", "Europe/London")]
    [InlineData("europe/london", "Europe/London")]
    [InlineData("US/Eastern", "America/New_York")]
    [InlineData("XX", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("not a zone", null)]
    [InlineData("GBR", null)]
    public void Resolve_SentValue_PlatformZone(string? sent, string? expected) => Assert.Equal(expected, Zones.Resolve(sent));

    [Fact]
    public void Resolve_EveryCountryOfZoneTab_OneOfItsOwnZonesInTzdb()
    {
        var source = TzdbDateTimeZoneSource.Default;
        var ids = source.GetIds().ToHashSet(StringComparer.Ordinal);
        var byCountry = source.ZoneLocations!.ToLookup(l => l.CountryCode, l => l.ZoneId);

        foreach (var country in byCountry)
        {
            var zone = Zones.Resolve(country.Key);
            Assert.True(zone is not null && ids.Contains(zone), $"{country.Key} → {zone}");
            Assert.True(country.Contains(zone), $"{country.Key} → {zone}, not one of {string.Join(", ", country)}");
        }

        Assert.Equal(byCountry.Count, Zones.CountryCount);
    }
}
