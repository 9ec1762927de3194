using static Scim.Core.Tests.Patching.PatchTesting;

namespace Scim.Core.Tests.Patching;

/// <summary>
/// The rules of RFC 7644 §3.5.2, one row each, quoting the request. A row names the resource (empty for
/// <see cref="PatchTesting.BaseUser"/>, <c>group</c> for <see cref="PatchTesting.BaseGroup"/>, or its JSON) and the
/// expected result as the attributes that differ from that resource (<c>null</c>: no longer there).
/// </summary>
public class PatchRfcRuleTests
{
    private const string WorkAddressUser = """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","userName":"bjensen",
         "addresses":[{"type":"work","streetAddress":"100 Universal City Plaza","locality":"Hollywood","region":"CA","postalCode":"91608","country":"USA"},
                      {"type":"home","streetAddress":"456 Hollywood Blvd","locality":"Hollywood"}]}
        """;

    private const string DepartmentOnlyUser = """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "id":"u1","userName":"bjensen","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales"}}
        """;

    private const string CoreOnlyUser = """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","userName":"bjensen"}""";

    public static TheoryData<string, string, string, string> Rules => new()
    {
        // §3.5.2.1 add
        {
            "add: an attribute with no value is added", "",
            """[{"op":"add","path":"nickName","value":"Babs"}]""",
            """{"nickName":"Babs"}"""
        },
        {
            "add: a single-valued attribute's value is replaced", "",
            """[{"op":"add","path":"displayName","value":"Barbara Jensen"}]""",
            """{"displayName":"Barbara Jensen"}"""
        },
        {
            "add: a value is appended to a multi-valued attribute", "",
            """[{"op":"add","path":"emails","value":[{"value":"bj@other.org","type":"other"}]}]""",
            """{"emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home"},{"value":"bj@other.org","type":"other"}]}"""
        },
        {
            "add: a value already there (caseExact false) is not added again", "",
            """[{"op":"add","path":"emails","value":[{"value":"BABS@jensen.org","type":"home"}]}]""",
            "{}"
        },
        {
            "add: the sub-attributes of a complex attribute are merged, the others stay", "",
            """[{"op":"add","path":"name","value":{"middleName":"Jane"}}]""",
            """{"name":{"formatted":"Ms. Barbara J Jensen, III","familyName":"Jensen","givenName":"Barbara","middleName":"Jane"}}"""
        },
        {
            "add: a sub-attribute of a complex attribute", "",
            """[{"op":"add","path":"name.honorificSuffix","value":"III"}]""",
            """{"name":{"formatted":"Ms. Barbara J Jensen, III","familyName":"Jensen","givenName":"Barbara","honorificSuffix":"III"}}"""
        },
        {
            "add: with no path, each key is applied as a path (RFC 7644 §3.5.2.1 example)", "",
            """[{"op":"add","value":{"emails":[{"value":"babs@jensen.com","type":"other"}],"nickname":"Babs"}}]""",
            """{"emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home"},{"value":"babs@jensen.com","type":"other"}],"nickName":"Babs"}"""
        },
        {
            "add: an extension attribute to a user without the extension adds the extension to schemas", CoreOnlyUser,
            """[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"701984"}]""",
            """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984"}}"""
        },

        // §3.5.2.3 replace
        {
            "replace: a single-valued attribute", "",
            """[{"op":"replace","path":"active","value":false}]""",
            """{"active":false}"""
        },
        {
            "replace: an attribute with no value is treated as add", "",
            """[{"op":"replace","path":"title","value":"Tour Guide"}]""",
            """{"title":"Tour Guide"}"""
        },
        {
            "replace: the sub-attributes of a complex attribute are merged, the others stay", "",
            """[{"op":"replace","path":"name","value":{"familyName":"Smith"}}]""",
            """{"name":{"formatted":"Ms. Barbara J Jensen, III","familyName":"Smith","givenName":"Barbara"}}"""
        },
        {
            "replace: a multi-valued attribute without filter replaces all values", "",
            """[{"op":"replace","path":"phoneNumbers","value":[{"value":"555-555-0000","type":"fax"}]}]""",
            """{"phoneNumbers":[{"value":"555-555-0000","type":"fax"}]}"""
        },
        {
            "replace: through a filter, the entire matching value (RFC 7644 §3.5.2.3 example)", WorkAddressUser,
            """[{"op":"replace","path":"addresses[type eq \"work\"]","value":{"type":"work","streetAddress":"911 Universal City Plaza"}}]""",
            """{"addresses":[{"type":"work","streetAddress":"911 Universal City Plaza"},{"type":"home","streetAddress":"456 Hollywood Blvd","locality":"Hollywood"}]}"""
        },
        {
            "replace: through a filter and sub-attribute, only that sub-attribute of the matching values (RFC 7644 §3.5.2.3 example)", WorkAddressUser,
            """[{"op":"replace","path":"addresses[type eq \"work\"].streetAddress","value":"1010 Broadway Ave"}]""",
            """{"addresses":[{"type":"work","streetAddress":"1010 Broadway Ave","locality":"Hollywood","region":"CA","postalCode":"91608","country":"USA"},{"type":"home","streetAddress":"456 Hollywood Blvd","locality":"Hollywood"}]}"""
        },
        {
            "replace: the sub-attribute of every value the filter matches", "",
            """[{"op":"replace","path":"phoneNumbers[value sw \"555-555\"].type","value":"other"}]""",
            """{"phoneNumbers":[{"value":"555-555-5555","type":"other"},{"value":"555-555-4444","type":"other"}]}"""
        },
        {
            "replace: a value filter compares caseExact false sub-attributes case-insensitively", "",
            """[{"op":"replace","path":"emails[type eq \"HOME\"].value","value":"barbara@jensen.org"}]""",
            """{"emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"barbara@jensen.org","type":"home"}]}"""
        },
        {
            "replace: a value filter matches escaped and non-ASCII text as the filter evaluator does", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","userName":"bjensen","emails":[{"value":"a@example.com","type":"B\u00dcRO"},{"value":"b@example.com","type":"\u0062\u0075ro"}]}""",
            """[{"op":"replace","path":"emails[type eq \"büro\"].display","value":"x"},{"op":"replace","path":"emails[type eq \"BURO\"].display","value":"y"}]""",
            """{"emails":[{"value":"a@example.com","type":"B\u00dcRO","display":"x"},{"value":"b@example.com","type":"\u0062\u0075ro","display":"y"}]}"""
        },
        {
            "replace: with no path, a schema URN key holds extension attributes", "",
            """[{"op":"replace","value":{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales","costCenter":"4130"}}}]""",
            """{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984","department":"Sales","manager":{"value":"26118915-6090-4610-87e4-49d8ca9f808d","displayName":"John Smith"},"costCenter":"4130"}}"""
        },
        {
            "replace: a URN-qualified core attribute", "",
            """[{"op":"replace","path":"urn:ietf:params:scim:schemas:core:2.0:User:displayName","value":"Barbara"}]""",
            """{"displayName":"Barbara"}"""
        },
        {
            "replace: a URN-qualified extension sub-attribute; the readOnly displayName of the old manager goes", "",
            """[{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value","value":"f4c1a2"}]""",
            """{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager":{"value":"f4c1a2"}}"""
        },
        {
            "replace: null unassigns the attribute (RFC 7643 §2.5)", "",
            """[{"op":"replace","path":"displayName","value":null}]""",
            """{"displayName":null}"""
        },

        // primary (§3.5.2)
        {
            "primary: adding a primary value sets primary false on the others", "",
            """[{"op":"add","path":"emails","value":[{"value":"bj@new.org","type":"other","primary":true}]}]""",
            """{"emails":[{"value":"bjensen@example.com","type":"work","primary":false},{"value":"babs@jensen.org","type":"home"},{"value":"bj@new.org","type":"other","primary":true}]}"""
        },
        {
            "primary: setting it through a filter sets it false on the others", "",
            """[{"op":"replace","path":"emails[type eq \"home\"].primary","value":true}]""",
            """{"emails":[{"value":"bjensen@example.com","type":"work","primary":false},{"value":"babs@jensen.org","type":"home","primary":true}]}"""
        },
        {
            "primary: a replaced list with two primaries keeps the last", "",
            """[{"op":"replace","path":"emails","value":[{"value":"a@x.org","primary":true},{"value":"b@x.org","primary":true}]}]""",
            """{"emails":[{"value":"a@x.org","primary":false},{"value":"b@x.org","primary":true}]}"""
        },

        // §3.5.2.2 remove
        {
            "remove: a single-valued attribute", "",
            """[{"op":"remove","path":"displayName"}]""",
            """{"displayName":null}"""
        },
        {
            "remove: a multi-valued attribute without filter removes all values", "",
            """[{"op":"remove","path":"phoneNumbers"}]""",
            """{"phoneNumbers":null}"""
        },
        {
            "remove: exactly the values the filter matches", "",
            """[{"op":"remove","path":"emails[type eq \"home\"]"}]""",
            """{"emails":[{"value":"bjensen@example.com","type":"work","primary":true}]}"""
        },
        {
            "remove: a filter with and (RFC 7644 §3.5.2.2 example shape)", "",
            """[{"op":"remove","path":"emails[type eq \"work\" and value ew \"example.com\"]"}]""",
            """{"emails":[{"value":"babs@jensen.org","type":"home"}]}"""
        },
        {
            "remove: a filter with or", "",
            """[{"op":"remove","path":"phoneNumbers[type eq \"work\" or type eq \"mobile\"]"}]""",
            """{"phoneNumbers":null}"""
        },
        {
            "remove: a sub-attribute of the matching values", "",
            """[{"op":"remove","path":"addresses[type eq \"home\"].country"}]""",
            """{"addresses":[{"streetAddress":"456 Hollywood Blvd","locality":"Hollywood","region":"CA","postalCode":"91608","type":"home"}]}"""
        },
        {
            "remove: the last value leaves the attribute unassigned, not []", "",
            """[{"op":"remove","path":"addresses[type eq \"home\"]"}]""",
            """{"addresses":null}"""
        },
        {
            "remove: the last sub-attribute leaves the complex attribute unassigned", "",
            """[{"op":"remove","path":"name.formatted"},{"op":"remove","path":"name.familyName"},{"op":"remove","path":"name.givenName"}]""",
            """{"name":null}"""
        },
        {
            "remove: the last extension attribute removes the extension and its schemas entry", DepartmentOnlyUser,
            """[{"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"}]""",
            """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":null}"""
        },
        {
            "remove: the whole extension by its URN", DepartmentOnlyUser,
            """[{"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"}]""",
            """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":null}"""
        },

        // The group examples of RFC 7644 §3.5.2.1 - §3.5.2.3
        {
            "add: a member (RFC 7644 §3.5.2.1 example)", "group",
            """[{"op":"add","path":"members","value":[{"display":"James Smith","$ref":"https://example.com/v2/Users/08e1d05d-121c-4561-8b96-473d93df9210","value":"08e1d05d-121c-4561-8b96-473d93df9210"}]}]""",
            """{"members":[ {"value":"2819c223-7f76-453a-919d-413861904646","$ref":"https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646","type":"User"}, {"value":"902c246b-6245-4190-8e05-00816be7344a","$ref":"https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a","type":"User"}, {"display":"James Smith","$ref":"https://example.com/v2/Users/08e1d05d-121c-4561-8b96-473d93df9210","value":"08e1d05d-121c-4561-8b96-473d93df9210"}]}"""
        },
        {
            "remove: one member (RFC 7644 §3.5.2.2 example)", "group",
            """[{"op":"remove","path":"members[value eq \"2819c223-7f76-453a-919d-413861904646\"]"}]""",
            """{"members":[{"value":"902c246b-6245-4190-8e05-00816be7344a","$ref":"https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a","type":"User"}]}"""
        },
        {
            "remove: all members (RFC 7644 §3.5.2.2 example)", "group",
            """[{"op":"remove","path":"members"}]""",
            """{"members":null}"""
        },
        {
            "remove all members, then add one (RFC 7644 §3.5.2.2 example)", "group",
            """[{"op":"remove","path":"members"},{"op":"add","path":"members","value":[{"display":"James Smith","$ref":"https://example.com/v2/Users/08e1d05d-121c-4561-8b96-473d93df9210","value":"08e1d05d-121c-4561-8b96-473d93df9210"}]}]""",
            """{"members":[{"display":"James Smith","$ref":"https://example.com/v2/Users/08e1d05d-121c-4561-8b96-473d93df9210","value":"08e1d05d-121c-4561-8b96-473d93df9210"}]}"""
        },
        {
            "replace: all members (RFC 7644 §3.5.2.3 example)", "group",
            """[{"op":"replace","path":"members","value":[{"display":"Babs Jensen","$ref":"https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646","value":"2819c223-7f76-453a-919d-413861904646"},{"display":"James Smith","$ref":"https://example.com/v2/Users/08e1d05d-121c-4561-8b96-473d93df9210","value":"08e1d05d-121c-4561-8b96-473d93df9210"}]}]""",
            """{"members":[{"display":"Babs Jensen","$ref":"https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646","value":"2819c223-7f76-453a-919d-413861904646"},{"display":"James Smith","$ref":"https://example.com/v2/Users/08e1d05d-121c-4561-8b96-473d93df9210","value":"08e1d05d-121c-4561-8b96-473d93df9210"}]}"""
        },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Apply_RfcRule_ChangesResourceAsTheRfcSays(string rule, string resource, string operations, string changes)
    {
        _ = rule;
        AssertPatch(resource, operations, changes);
    }
}
