using System.Buffers;

namespace Scim.Core.Filtering.Parsing;

/// <summary>
/// The lexical form of an attribute path word: <c>[urn:...:]name[.sub]</c> (RFC 7644 §3.4.2.2 <c>attrPath</c>).
/// The URN ends at the last colon, since URNs themselves contain colons and dots (<c>...:2.0:User</c>).
/// </summary>
internal static class AttributePathSyntax
{
    private static readonly SearchValues<char> NameChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>Returns what is wrong with <paramref name="word"/> as an attribute path, or <see langword="null"/>.</summary>
    public static string? Validate(ReadOnlySpan<char> word)
    {
        var colon = word.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!word.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
            {
                return "a schema prefix must be a URN starting with 'urn:'";
            }

            if (colon < 5 || word[colon - 1] == ':')
            {
                return "the schema URN is incomplete";
            }

            word = word[(colon + 1)..];
            if (word.IsEmpty)
            {
                return "an attribute name is expected after the schema URN";
            }
        }

        var dot = word.IndexOf('.');
        if (dot < 0)
        {
            return IsAttributeName(word) ? null : NameProblem(word);
        }

        var name = word[..dot];
        var sub = word[(dot + 1)..];
        if (!IsAttributeName(name))
        {
            return NameProblem(name);
        }

        if (sub.Contains('.'))
        {
            return "a path has at most one sub-attribute (attribute.subAttribute)";
        }

        return IsAttributeName(sub) ? null : NameProblem(sub);
    }

    /// <summary>
    /// Whether <paramref name="name"/> is an <c>ATTRNAME</c>: a letter, then letters, digits, '-' or '_'. A leading
    /// '$' is allowed for the RFC 7643 reference sub-attribute <c>$ref</c>.
    /// </summary>
    public static bool IsAttributeName(ReadOnlySpan<char> name)
    {
        if (!name.IsEmpty && name[0] == '$')
        {
            name = name[1..];
        }

        return !name.IsEmpty && char.IsAsciiLetter(name[0]) && name[1..].IndexOfAnyExcept(NameChars) < 0;
    }

    /// <summary>Splits a word that <see cref="Validate"/> accepted into its URN, name and sub-attribute ranges.</summary>
    public static (Range? Urn, Range Name, Range? Sub) Split(ReadOnlySpan<char> word)
    {
        var colon = word.LastIndexOf(':');
        var nameStart = colon + 1;
        var dot = word[nameStart..].IndexOf('.');
        return dot < 0
            ? (colon < 0 ? null : ..colon, nameStart.., null)
            : (colon < 0 ? null : ..colon, nameStart..(nameStart + dot), (nameStart + dot + 1)..);
    }

    private static string NameProblem(ReadOnlySpan<char> name) =>
        name.IsEmpty
            ? "an attribute name is empty"
            : $"'{name}' is not an attribute name (a letter followed by letters, digits, '-' or '_')";
}
