using System.Collections.Frozen;

namespace Scim.Core.Filtering.Parsing;

/// <summary>
/// Shares one string instance for the attribute names and schema URNs that identity providers filter on most, so
/// parsing <c>userName eq "..."</c> allocates no name. Other spellings get a new string.
/// </summary>
internal static class AttributeNames
{
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Names = Lookup(
        "id", "externalId", "userName", "displayName", "active", "emails", "value", "type", "primary", "members",
        "name", "givenName", "familyName", "formatted", "title", "userType", "meta", "lastModified", "created",
        "resourceType", "location", "version", "addresses", "country", "phoneNumbers", "groups", "manager",
        "employeeNumber", "department", "nickName", "locale", "timezone", "display", "$ref", "schemas");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Urns = Lookup(
        "urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:ietf:params:scim:schemas:core:2.0:Group",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");

    public static string Get(ReadOnlySpan<char> name) => Names.TryGetValue(name, out var shared) ? shared : name.ToString();

    public static string GetUrn(ReadOnlySpan<char> urn) => Urns.TryGetValue(urn, out var shared) ? shared : urn.ToString();

    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup(params string[] values) =>
        values.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
}
