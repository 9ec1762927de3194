using System.Globalization;

namespace Scim.Core.Filtering.Evaluation;

/// <summary>
/// Recognises xsd:dateTime text (RFC 7643 §2.3.5), e.g. <c>2011-05-13T04:42:34Z</c> or
/// <c>2011-05-13T06:42:34.5+02:00</c>, so that such values compare chronologically. No offset means UTC.
/// </summary>
internal static class ScimDateTime
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        // A cheap shape check first: most strings compared in filters are not dates.
        if (text.Length < 19 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || !char.IsAsciiDigit(text[0]))
        {
            value = default;
            return false;
        }

        return DateTimeOffset.TryParseExact(
            text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
