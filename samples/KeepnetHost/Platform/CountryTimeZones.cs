using System.Collections.Frozen;
using NodaTime.TimeZones;

namespace KeepnetHost.Platform;

/// <summary>
/// Turns what Entra ID sends in SCIM <c>timezone</c> into the platform's IANA zone. Tenants map Entra's
/// <c>usageLocation</c> (an ISO 3166-1 alpha-2 country code such as <c>GB</c>) there, so the value is often a country,
/// not a zone.
/// </summary>
/// <remarks>
/// A valid IANA id is kept (a link such as <c>US/Eastern</c> as its canonical zone). A two-letter code becomes its country's zone from the tz database's
/// <c>zone.tab</c> (NodaTime's embedded TZDB): 216 countries have exactly one. For the countries that span several
/// zones, <c>zone.tab</c>'s first row is a poor default (CA → St_Johns, RU → Kaliningrad), so they use the zone of the
/// most populous region instead, listed below. Anything else gives no zone; the caller logs it and never fails the
/// request, because Entra would then fail the user on every cycle.
/// </remarks>
public sealed class CountryTimeZones
{
    /// <summary>The zone of the most populous region, for the countries <c>zone.tab</c> gives several zones.</summary>
    private static readonly FrozenDictionary<string, string> MultiZoneDefaults = new Dictionary<string, string>
    {
        ["US"] = "America/New_York",
        ["CA"] = "America/Toronto",
        ["RU"] = "Europe/Moscow",
        ["BR"] = "America/Sao_Paulo",
        ["AU"] = "Australia/Sydney",
        ["MX"] = "America/Mexico_City",
        ["AR"] = "America/Argentina/Buenos_Aires",
        ["ID"] = "Asia/Jakarta",
        ["KZ"] = "Asia/Almaty",
        ["CN"] = "Asia/Shanghai",
        ["CL"] = "America/Santiago",
        ["ES"] = "Europe/Madrid",
        ["PT"] = "Europe/Lisbon",
        ["DE"] = "Europe/Berlin",
        ["UA"] = "Europe/Kyiv",
        ["NZ"] = "Pacific/Auckland",
        ["EC"] = "America/Guayaquil",
        ["MN"] = "Asia/Ulaanbaatar",
        ["CD"] = "Africa/Kinshasa",
        ["MY"] = "Asia/Kuala_Lumpur",
        ["UZ"] = "Asia/Tashkent",
        ["GL"] = "America/Nuuk",
        ["FM"] = "Pacific/Pohnpei",
        ["KI"] = "Pacific/Tarawa",
        ["MH"] = "Pacific/Majuro",
        ["PF"] = "Pacific/Tahiti",
        ["PG"] = "Pacific/Port_Moresby",
        ["UM"] = "Pacific/Midway",
        ["CY"] = "Asia/Nicosia",
        ["AQ"] = "Antarctica/McMurdo",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, string> _byCountry;
    private readonly FrozenDictionary<string, string> _canonical;

    public CountryTimeZones()
    {
        var locations = TzdbDateTimeZoneSource.Default.ZoneLocations ?? [];
        _byCountry = locations
            .GroupBy(l => l.CountryCode, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(
                g => g.Key,
                g => MultiZoneDefaults.TryGetValue(g.Key, out var zone) ? zone : g.First().ZoneId,
                StringComparer.OrdinalIgnoreCase);
        _canonical = TzdbDateTimeZoneSource.Default.CanonicalIdMap.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The countries that have a zone.</summary>
    public int CountryCount => _byCountry.Count;

    /// <summary>The IANA zone for what the identity provider sent, or <see langword="null"/> when it names none.</summary>
    /// <param name="sent">An IANA zone id (<c>Europe/London</c>) or a two-letter country code (<c>GB</c>, any case).</param>
    /// <returns>The zone id, or <see langword="null"/>.</returns>
    public string? Resolve(string? sent)
    {
        var value = sent?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        // A country first: "GB" and "NZ" are also (deprecated) tz links, but the sender meant the country.
        if (value.Length == 2 && char.IsAsciiLetter(value[0]) && char.IsAsciiLetter(value[1]))
        {
            return _byCountry.GetValueOrDefault(value);
        }

        return _canonical.TryGetValue(value, out var canonical) ? canonical : null;
    }
}
