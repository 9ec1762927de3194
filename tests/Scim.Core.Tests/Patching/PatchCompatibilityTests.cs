using System.Text.Json.Nodes;
using Scim.Core.Patching;
using static Scim.Core.Tests.Patching.PatchTesting;

namespace Scim.Core.Tests.Patching;

/// <summary>
/// What identity providers really send (../shared/reference/entra-provisioning.md and okta-and-others.md), one row per
/// shape with the request quoted, and the result it must give with the default options. The same shapes with
/// <see cref="PatchOptions.Strict"/> are in <see cref="PatchErrorTests"/> and at the end of this class.
/// </summary>
public class PatchCompatibilityTests
{
    private const string UserWithoutWorkEmail = """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","userName":"bjensen",
         "emails":[{"value":"babs@jensen.org","type":"home"}]}
        """;

    public static TheoryData<string, string, string, string> Shapes => new()
    {
        // Microsoft Entra ID, default mode and aadOptscim062020
        {
            "Entra: op names are capitalised (Add, Replace, Remove)", "",
            """[{"op":"Add","path":"nickName","value":"Babs"},{"op":"Replace","path":"title","value":"Tour Guide"},{"op":"Remove","path":"displayName"}]""",
            """{"nickName":"Babs","title":"Tour Guide","displayName":null}"""
        },
        {
            "Entra default mode: disable a user with the string \"False\"", "",
            """[{"op":"Replace","path":"active","value":"False"}]""",
            """{"active":false}"""
        },
        {
            "Entra aadOptscim062020: disable a user with a boolean", "",
            """[{"op":"replace","path":"active","value":false}]""",
            """{"active":false}"""
        },
        {
            "Entra default mode: one Replace per attribute, filter and URN paths", "",
            """[{"op":"Replace","path":"emails[type eq \"work\"].value","value":"barbara@contoso.com"}, {"op":"Replace","path":"name.givenName","value":"Barb"}, {"op":"Replace","path":"externalId","value":"bj-1"}, {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"42"}]""",
            """{"emails":[{"value":"barbara@contoso.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home"}], "name":{"formatted":"Ms. Barbara J Jensen, III","familyName":"Jensen","givenName":"Barb"}, "externalId":"bj-1","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"42"}"""
        },
        {
            "Entra aadOptscim062020: a filter-path replace, then one replace with no path and dotted and URN keys", "",
            """[{"op":"replace","path":"emails[type eq \"work\"].value","value":"barbara@contoso.com"}, {"op":"replace","value":{"displayName":"Barb Jensen","name.givenName":"Barb","name.familyName":"Jensen-Smith", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"42"}}]""",
            """{"emails":[{"value":"barbara@contoso.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home"}], "displayName":"Barb Jensen","name":{"formatted":"Ms. Barbara J Jensen, III","familyName":"Jensen-Smith","givenName":"Barb"}, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"42"}"""
        },
        {
            "Entra: one Add per sub-attribute of a work address that does not exist builds ONE work address", "",
            """[{"op":"Add","path":"addresses[type eq \"work\"].streetAddress","value":"1 Microsoft Way"}, {"op":"Add","path":"addresses[type eq \"work\"].locality","value":"Redmond"}, {"op":"Add","path":"addresses[type eq \"work\"].region","value":"WA"}, {"op":"Add","path":"addresses[type eq \"work\"].postalCode","value":"98052"}, {"op":"Add","path":"addresses[type eq \"work\"].country","value":"US"}]""",
            """{"addresses":[ {"streetAddress":"456 Hollywood Blvd","locality":"Hollywood","region":"CA","postalCode":"91608","country":"USA","type":"home"}, {"type":"work","streetAddress":"1 Microsoft Way","locality":"Redmond","region":"WA","postalCode":"98052","country":"US"}]}"""
        },
        {
            "Entra: Add emails[type eq \"work\"].value when there is no work email creates it", UserWithoutWorkEmail,
            """[{"op":"Add","path":"emails[type eq \"work\"].value","value":"bjensen@contoso.com"}]""",
            """{"emails":[{"value":"babs@jensen.org","type":"home"},{"type":"work","value":"bjensen@contoso.com"}]}"""
        },
        {
            "Entra: Add through a filter on an element that exists sets the sub-attribute", "",
            """[{"op":"Add","path":"emails[type eq \"work\"].display","value":"Babs at work"}]""",
            """{"emails":[{"value":"bjensen@example.com","type":"work","primary":true,"display":"Babs at work"},{"value":"babs@jensen.org","type":"home"}]}"""
        },
        {
            "Entra: the enterprise manager as a plain id string is stored as {\"value\": id}", "",
            """[{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"b3d2c5b1-9a4e-4f7e-8e0c-2f1d9c8a7b6e"}]""",
            """{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager":{"value":"b3d2c5b1-9a4e-4f7e-8e0c-2f1d9c8a7b6e"}}"""
        },
        {
            "Entra legacy (Example 5): manager as a one-element array with $ref", "",
            """[{"op":"Add","path":"manager","value":[{"$ref":"https://example.com/v2/Users/b3d2c5b1","value":"b3d2c5b1"}]}]""",
            """{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager":{"value":"b3d2c5b1","$ref":"https://example.com/v2/Users/b3d2c5b1"}}"""
        },
        {
            "Entra: one request mixing Replace through filters with Add of an extension attribute (laravel-scim-server#34)", "",
            """[{"op":"Replace","path":"emails[type eq \"work\"].value","value":"barbara@contoso.com"}, {"op":"Replace","path":"addresses[type eq \"home\"].formatted","value":"456 Hollywood Blvd, Hollywood CA"}, {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Sales"}]""",
            """{"emails":[{"value":"barbara@contoso.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home"}], "addresses":[{"streetAddress":"456 Hollywood Blvd","locality":"Hollywood","region":"CA","postalCode":"91608","country":"USA","type":"home","formatted":"456 Hollywood Blvd, Hollywood CA"}], "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"Sales"}"""
        },
        {
            "Entra: Add members with \"$ref\": null", "group",
            """[{"op":"Add","path":"members","value":[{"$ref":null,"value":"08e1d05d-121c-4561-8b96-473d93df9210"}]}]""",
            """{"members":[ {"value":"2819c223-7f76-453a-919d-413861904646","$ref":"https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646","type":"User"}, {"value":"902c246b-6245-4190-8e05-00816be7344a","$ref":"https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a","type":"User"}, {"value":"08e1d05d-121c-4561-8b96-473d93df9210"}]}"""
        },
        {
            "Entra: adding a member who is already there is a no-op", "group",
            """[{"op":"Add","path":"members","value":[{"$ref":null,"value":"2819c223-7f76-453a-919d-413861904646"}]}]""",
            "{}"
        },
        {
            "Entra default mode: Remove members with a value list removes exactly those members", "group",
            """[{"op":"Remove","path":"members","value":[{"value":"2819c223-7f76-453a-919d-413861904646"}]}]""",
            """{"members":[{"value":"902c246b-6245-4190-8e05-00816be7344a","$ref":"https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a","type":"User"}]}"""
        },
        {
            "Entra aadOptscim062020: remove a member through a filter, no value", "group",
            """[{"op":"remove","path":"members[value eq \"2819c223-7f76-453a-919d-413861904646\"]"}]""",
            """{"members":[{"value":"902c246b-6245-4190-8e05-00816be7344a","$ref":"https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a","type":"User"}]}"""
        },
        {
            "Entra: Update Group non-member attribute", "group",
            """[{"op":"Replace","path":"displayName","value":"Tour Guides (EU)"}]""",
            """{"displayName":"Tour Guides (EU)"}"""
        },

        // Okta
        {
            "Okta deactivate: replace with no path and {\"active\":false} changes only active", "",
            """[{"op":"replace","value":{"active":false}}]""",
            """{"active":false}"""
        },
        {
            "Okta group rename: no path, with the group's own id", "group",
            """[{"op":"replace","value":{"id":"acbf3ae7-8463-4692-b4fd-9b4da3f908ce","displayName":"Tour Guides (EU)"}}]""",
            """{"displayName":"Tour Guides (EU)"}"""
        },
        {
            "Okta membership: remove through a filter, add with display", "group",
            """[{"op":"remove","path":"members[value eq \"902c246b-6245-4190-8e05-00816be7344a\"]"}, {"op":"add","path":"members","value":[{"value":"08e1d05d-121c-4561-8b96-473d93df9210","display":"james@example.com"}]}]""",
            """{"members":[ {"value":"2819c223-7f76-453a-919d-413861904646","$ref":"https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646","type":"User"}, {"value":"08e1d05d-121c-4561-8b96-473d93df9210","display":"james@example.com"}]}"""
        },
        {
            "Okta: adding with display a member who is already there is a no-op", "group",
            """[{"op":"add","path":"members","value":[{"value":"2819c223-7f76-453a-919d-413861904646","display":"bjensen@example.com"}]}]""",
            "{}"
        },
        {
            "Okta: removing a member who is not there is a no-op", "group",
            """[{"op":"remove","path":"members[value eq \"08e1d05d-121c-4561-8b96-473d93df9210\"]"}]""",
            "{}"
        },
        {
            "Okta password sync: no path, writeOnly password", "",
            """[{"op":"replace","value":{"password":"t1meMa$heen"}}]""",
            """{"password":"t1meMa$heen"}"""
        },

        // OneLogin, JumpCloud
        {
            "OneLogin: active as a lowercase string", "",
            """[{"op":"replace","value":{"active":"false"}}]""",
            """{"active":false}"""
        },
        {
            "OneLogin: emails as one object rather than an array", "",
            """[{"op":"add","path":"emails","value":{"value":"babs@onelogin.example","type":"other"}}]""",
            """{"emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home"},{"value":"babs@onelogin.example","type":"other"}]}"""
        },
        {
            "JumpCloud: remove several members by value without a filter", "group",
            """[{"op":"remove","path":"members","value":[{"value":"2819c223-7f76-453a-919d-413861904646"},{"value":"902c246b-6245-4190-8e05-00816be7344a"}]}]""",
            """{"members":null}"""
        },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Apply_ClientShape_GivesTheCompatibleResult(string shape, string resource, string operations, string changes)
    {
        _ = shape;
        AssertPatch(resource, operations, changes);
    }

    [Fact]
    public void Apply_RemoveMembersWithValueListStrict_RemovesEveryMemberAsTheRfcReadsLiterally()
    {
        AssertPatch(
            "group",
            """[{"op":"Remove","path":"members","value":[{"value":"2819c223-7f76-453a-919d-413861904646"}]}]""",
            """{"members":null}""",
            PatchOptions.Strict);
    }

    [Fact]
    public void Apply_SeveralFilteredAddsOnAMissingElement_BuildExactlyOneElement()
    {
        var result = Apply(User(UserWithoutWorkEmail), """
            [{"op":"Add","path":"emails[type eq \"work\"].value","value":"bjensen@contoso.com"},
             {"op":"Add","path":"emails[type eq \"work\"].primary","value":"True"},
             {"op":"Add","path":"emails[type eq \"work\"].display","value":"Babs"}]
            """);

        AssertJson(
            JsonNode.Parse("""[{"value":"babs@jensen.org","type":"home"},{"type":"work","value":"bjensen@contoso.com","primary":true,"display":"Babs"}]""")!,
            result.Resource.Json["emails"]!);
    }
}
