using System.Collections.Frozen;

namespace Scim.Core.Filtering.Parsing;

/// <summary>
/// Shares one string instance for the attribute names identity providers filter on most, so parsing
/// <c>userName eq "..."</c> allocates no name. Other spellings get a new string.
/// </summary>
internal static class AttributeNames
{
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Common = new[]
    {
        "id", "externalId", "userName", "displayName", "active", "emails", "value", "type", "primary", "members",
        "name", "givenName", "familyName", "formatted", "title", "userType", "meta", "lastModified", "created",
        "resourceType", "location", "version", "addresses", "country", "phoneNumbers", "groups", "manager",
        "employeeNumber", "department", "nickName", "locale", "timezone", "display", "$ref",
    }.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Get(ReadOnlySpan<char> name) =>
        Common.TryGetValue(name, out var shared) ? shared : name.ToString();
}
