namespace Scim.Benchmarks;

/// <summary>The filters the benchmarks run, from what Entra ID sends to the complex end of RFC 7644.</summary>
internal static class FilterSamples
{
    /// <summary>Entra ID's matching query and Test Connection.</summary>
    public const string Simple = "userName eq \"bjensen@example.com\"";

    /// <summary>Entra ID's uniqueness query on the work email.</summary>
    public const string EntraValuePath = "emails[type eq \"work\"].value eq \"bjensen@example.com\"";

    /// <summary>The complex end: URN paths, a value filter, and/or/not, grouping, a date and a number.</summary>
    public const string Complex =
        "urn:ietf:params:scim:schemas:core:2.0:User:userType eq \"Employee\" and not (emails[type eq \"work\" and value co \"@example.org\"])"
        + " and (urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value pr or meta.lastModified gt \"2011-05-13T04:42:34Z\")"
        + " and urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber ne \"701984\" and x.y le 42";

    /// <summary>A typical mixed set: every filter example of RFC 7644 §3.4.2.2.</summary>
    public static readonly string[] RfcExamples =
    [
        "userName eq \"bjensen\"",
        "name.familyName co \"O'Malley\"",
        "userName sw \"J\"",
        "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"",
        "title pr",
        "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
        "meta.lastModified ge \"2011-05-13T04:42:34Z\"",
        "meta.lastModified lt \"2011-05-13T04:42:34Z\"",
        "meta.lastModified le \"2011-05-13T04:42:34Z\"",
        "title pr and userType eq \"Employee\"",
        "title pr or userType eq \"Intern\"",
        "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"",
        "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
        "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
        "userType eq \"Employee\" and (emails.type eq \"work\")",
        "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
        "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
    ];

    /// <summary>The RFC 7643 §8.2 full user, as a client would send it.</summary>
    public const string User = """
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
          "id": "2819c223-7f76-453a-919d-413861904646",
          "externalId": "701984",
          "userName": "bjensen@example.com",
          "name": { "formatted": "Ms. Barbara J Jensen, III", "familyName": "Jensen", "givenName": "Barbara", "middleName": "Jane" },
          "displayName": "Babs Jensen",
          "nickName": "Babs",
          "userType": "Employee",
          "title": "Tour Guide",
          "active": true,
          "emails": [
            { "value": "bjensen@example.com", "type": "work", "primary": true },
            { "value": "babs@jensen.org", "type": "home" }
          ],
          "addresses": [
            { "type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood", "region": "CA", "postalCode": "91608", "country": "USA", "primary": true }
          ],
          "phoneNumbers": [ { "value": "555-555-5555", "type": "work" }, { "value": "555-555-4444", "type": "mobile" } ],
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "employeeNumber": "701984",
            "department": "Tour Operations",
            "manager": { "value": "26118915-6090-4610-87e4-49d8ca9f808d", "displayName": "John Smith" }
          },
          "meta": {
            "resourceType": "User",
            "created": "2010-01-23T04:56:22Z",
            "lastModified": "2011-05-13T04:42:34Z",
            "version": "W/\"3694e05e9dff591\"",
            "location": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646"
          }
        }
        """;
}
