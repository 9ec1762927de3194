using System.Globalization;

namespace Scim.Core.Filtering.Evaluation;

/// <summary>
/// Recognises xsd:dateTime / RFC 3339 text (RFC 7643 §2.3.5), e.g. <c>2011-05-13T04:42:34Z</c> or
/// <c>2011-05-13T06:42:34.5+02:00</c>, so that such values compare chronologically. No offset means UTC; a lower-case
/// <c>t</c> or <c>z</c> is accepted, and fractions beyond the 100 ns that .NET keeps are truncated.
/// </summary>
internal static class ScimDateTime
{
    private const int MaxFractionDigits = 7;
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;

        // A cheap shape check first: most strings compared in filters are not dates.
        if (text.Length is < 19 or > 64 || text[4] != '-' || text[7] != '-' || (text[10] | 0x20) != 't' || text[13] != ':' || !char.IsAsciiDigit(text[0]))
        {
            return false;
        }

        Span<char> normal = stackalloc char[text.Length];
        var length = 0;
        var fractionDigits = -1;
        foreach (var c in text)
        {
            if (c == '.' && fractionDigits < 0 && length == 19)
            {
                fractionDigits = 0;
            }
            else if (fractionDigits >= 0 && char.IsAsciiDigit(c))
            {
                if (++fractionDigits > MaxFractionDigits)
                {
                    continue;
                }
            }
            else if (fractionDigits >= 0)
            {
                fractionDigits = int.MinValue;
            }

            normal[length++] = c is 't' or 'z' ? char.ToUpperInvariant(c) : c;
        }

        return DateTimeOffset.TryParseExact(
            normal[..length], Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
