using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Core.Filtering;
using Scim.Core.Paths;
using static Scim.Core.Tests.Filtering.FilterTrees;

namespace Scim.Core.Tests.Filtering;

/// <summary>
/// <see cref="ScimFilterEvaluator"/> against the rules in its remarks (RFC 7644 §3.4.2.2), over resources parsed from
/// JSON text and resources built in code. Every table holds rows that match and rows that do not.
/// </summary>
public class FilterEvaluatorTests
{
    private const string ManagerId = "26118915-6090-4610-87e4-49d8ca9f808d";

    /// <summary>The full user of RFC 7643 §8.2.</summary>
    private const string FullUserJson = """
        {
          "schemas": [
            "urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
          ],
          "id": "2819c223-7f76-453a-919d-413861904646",
          "externalId": "701984",
          "userName": "bjensen",
          "name": {
            "formatted": "Ms. Barbara J Jensen, III",
            "familyName": "Jensen",
            "givenName": "Barbara",
            "middleName": "Jane",
            "honorificPrefix": "Ms.",
            "honorificSuffix": "III"
          },
          "displayName": "Babs Jensen",
          "nickName": "Babs",
          "profileUrl": "https://login.example.com/bjensen",
          "emails": [
            { "value": "bjensen@example.com", "type": "work", "primary": true },
            { "value": "babs@jensen.org", "type": "home" }
          ],
          "addresses": [
            {
              "streetAddress": "100 Universal City Plaza",
              "locality": "Hollywood",
              "region": "CA",
              "postalCode": "91608",
              "country": "USA",
              "formatted": "100 Universal City Plaza\nHollywood, CA 91608 USA",
              "type": "work",
              "primary": true
            },
            {
              "streetAddress": "456 Hollywood Blvd",
              "locality": "Hollywood",
              "region": "CA",
              "postalCode": "91608",
              "country": "USA",
              "formatted": "456 Hollywood Blvd\nHollywood, CA 91608 USA",
              "type": "home"
            }
          ],
          "phoneNumbers": [
            { "value": "555-555-5555", "type": "work" },
            { "value": "555-555-4444", "type": "mobile" }
          ],
          "ims": [ { "value": "someaimhandle", "type": "aim" } ],
          "photos": [
            { "value": "https://photos.example.com/profilephoto/72930000000Ccne/F", "type": "photo" },
            { "value": "https://photos.example.com/profilephoto/72930000000Ccne/T", "type": "thumbnail" }
          ],
          "userType": "Employee",
          "title": "Tour Guide",
          "preferredLanguage": "en-US",
          "locale": "en-US",
          "timezone": "America/Los_Angeles",
          "active": true,
          "password": "t1meMa$heen",
          "groups": [
            {
              "value": "e9e30dba-f08f-4109-8486-d5c6a331660a",
              "$ref": "https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a",
              "display": "Tour Guides"
            },
            {
              "value": "fc348aa8-3835-40eb-a20b-c726e15c55b5",
              "$ref": "https://example.com/v2/Groups/fc348aa8-3835-40eb-a20b-c726e15c55b5",
              "display": "Employees"
            },
            {
              "value": "71ddacd2-a8e7-49b8-a5db-ae50d0a5bfd7",
              "$ref": "https://example.com/v2/Groups/71ddacd2-a8e7-49b8-a5db-ae50d0a5bfd7",
              "display": "US Employees"
            }
          ],
          "x509Certificates": [ { "value": "MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx" } ],
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "employeeNumber": "701984",
            "costCenter": "4130",
            "organization": "Universal Studios",
            "division": "Theme Park",
            "department": "Tour Operations",
            "manager": {
              "value": "26118915-6090-4610-87e4-49d8ca9f808d",
              "$ref": "../Users/26118915-6090-4610-87e4-49d8ca9f808d",
              "displayName": "John Smith"
            }
          },
          "meta": {
            "resourceType": "User",
            "created": "2010-01-23T04:56:22Z",
            "lastModified": "2011-05-13T04:42:34Z",
            "version": "W\/\"3694e05e9dff591\"",
            "location": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646"
          }
        }
        """;

    /// <summary>A user whose work email is at other.org and whose home email is at example.com.</summary>
    private const string SplitEmailsJson = """
        {
          "userName": "split",
          "name": { "givenName": "Barbara", "familyName": "Jensen" },
          "emails": [
            { "type": "work", "value": "work@other.org" },
            { "type": "home", "value": "home@example.com" }
          ]
        }
        """;

    /// <summary>Writes JSON text with non-ASCII characters, apostrophes and '+' unescaped, as most clients send it.</summary>
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Resources built in code rather than parsed, so values are CLR primitives inside JsonValue.</summary>
    private static readonly Dictionary<string, Func<JsonObject>> BuiltInCode = new(StringComparer.Ordinal)
    {
        ["strings"] = () => new JsonObject
        {
            ["userName"] = "bjensen",
            ["displayName"] = "Björn O'Malley",
            ["id"] = "ABC",
            ["empty"] = string.Empty,
            ["long"] = new string('z', 300) + "End",
        },
        ["numbers"] = () => new JsonObject
        {
            ["int"] = 10,
            ["long"] = 9_007_199_254_740_993L,
            ["double"] = 2.5,
            ["decimal"] = 0.1m,
            ["negative"] = -3,
            ["text"] = "10",
        },
        ["booleans"] = () => new JsonObject
        {
            ["active"] = true,
            ["locked"] = false,
            ["text"] = "true",
        },
        ["user"] = () => new JsonObject
        {
            ["schemas"] = new JsonArray { UserUrn, EnterpriseUrn },
            ["name"] = new JsonObject { ["givenName"] = "Barbara", ["familyName"] = "Jensen" },
            ["emails"] = new JsonArray
            {
                new JsonObject { ["type"] = "work", ["value"] = "work@other.org" },
                new JsonObject { ["type"] = "home", ["value"] = "home@example.com" },
            },
            [EnterpriseUrn] = new JsonObject
            {
                ["employeeNumber"] = "701984",
                ["manager"] = new JsonObject { ["value"] = ManagerId },
            },
            ["meta"] = new JsonObject { ["lastModified"] = "2011-05-13T06:42:34+02:00" },
        },
        ["empties"] = () => new JsonObject
        {
            ["nullValue"] = null,
            ["emptyString"] = string.Empty,
            ["emptyArray"] = new JsonArray(),
            ["emptyObject"] = new JsonObject(),
            ["arrayOfNull"] = new JsonArray { null },
            ["objectOfNull"] = new JsonObject { ["a"] = null },
            ["zero"] = 0,
            ["no"] = false,
        },
        ["mixed"] = () => new JsonObject
        {
            ["userName"] = "mixed",
            ["emails"] = JsonNode.Parse("""[{ "type": "work", "value": "a@example.com" }, { "type": "home", "value": "b@other.org" }]"""),
        },
        ["clr"] = () => new JsonObject
        {
            ["float"] = 2.5f,
            ["short"] = (short)10,
            ["ulong"] = ulong.MaxValue,
            ["byte"] = (byte)200,
            ["guid"] = Guid.Parse(ManagerId),
            ["when"] = new DateTimeOffset(2011, 5, 13, 6, 42, 34, TimeSpan.FromHours(2)),
        },
    };

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static bool Matches(string filter, JsonObject resource, Func<AttributePath, bool>? isCaseExact = null) =>
        ScimFilterEvaluator.Matches(ScimFilter.Parse(filter), resource, isCaseExact);

    /// <summary>The 17 filters of RFC 7644 §3.4.2.2 Figure 2 against the RFC 7643 §8.2 user.</summary>
    public static TheoryData<string, bool> RfcFigure2 => new()
    {
        { "userName eq \"bjensen\"", true },
        { "name.familyName co \"O'Malley\"", false },
        { "userName sw \"J\"", false },
        { "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"", false },
        { "title pr", true },
        { "meta.lastModified gt \"2011-05-13T04:42:34Z\"", false },
        { "meta.lastModified ge \"2011-05-13T04:42:34Z\"", true },
        { "meta.lastModified lt \"2011-05-13T04:42:34Z\"", false },
        { "meta.lastModified le \"2011-05-13T04:42:34Z\"", true },
        { "title pr and userType eq \"Employee\"", true },
        { "title pr or userType eq \"Intern\"", true },
        { "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"", true },
        { "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")", true },
        { "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")", false },
        { "userType eq \"Employee\" and (emails.type eq \"work\")", true },
        { "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]", true },
        { "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]", true },
    };

    [Theory]
    [MemberData(nameof(RfcFigure2))]
    public void Matches_RfcFigure2Filter_OnRfcFullUser_ReturnsExpected(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, Parse(FullUserJson)));
    }

    [Theory]
    [InlineData("""{"userName":"bjensen"}""", "USERNAME eq \"bjensen\"", true)]
    [InlineData("""{"userName":"bjensen"}""", "USERNAME eq \"jsmith\"", false)]
    [InlineData("""{"USERNAME":"bjensen"}""", "userName eq \"bjensen\"", true)]
    [InlineData("""{"USERNAME":"bjensen"}""", "userName eq \"jsmith\"", false)]
    [InlineData("""{"Name":{"GivenName":"Barbara"}}""", "name.givenName eq \"Barbara\"", true)]
    [InlineData("""{"name":{"givenName":"Barbara"}}""", "NAME.GIVENNAME eq \"Babs\"", false)]
    [InlineData("""{"Emails":[{"TYPE":"work","Value":"a@b"}]}""", "emails[type eq \"work\" and value eq \"a@b\"]", true)]
    [InlineData("""{"Emails":[{"TYPE":"work","Value":"a@b"}]}""", "EMAILS[TYPE eq \"home\"]", false)]
    public void Matches_AttributeNameInAnyCase_FindsAttribute(string json, string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, Parse(json)));
    }

    [Theory]
    [InlineData("displayName eq \"BABS JENSEN\"", true)]
    [InlineData("displayName eq \"babs\"", false)]
    [InlineData("displayName ne \"babs jensen\"", false)]
    [InlineData("displayName co \"S JEN\"", true)]
    [InlineData("displayName sw \"bABS\"", true)]
    [InlineData("displayName sw \"jensen\"", false)]
    [InlineData("displayName ew \"JENSEN\"", true)]
    [InlineData("displayName ew \"babs\"", false)]
    [InlineData("displayName gt \"babs\"", true)]
    [InlineData("displayName gt \"BABS K\"", false)]
    [InlineData("displayName ge \"BABS JENSEN\"", true)]
    [InlineData("displayName lt \"BABS Z\"", true)]
    [InlineData("displayName lt \"babs\"", false)]
    [InlineData("displayName le \"babs jensen\"", true)]
    public void Matches_StringOperatorIgnoringCase_ReturnsExpected(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, Parse("""{"displayName":"Babs Jensen","title":"Tour Guide"}""")));
    }

    [Theory]
    [InlineData("displayName eq \"Babs Jensen\"", true)]
    [InlineData("displayName eq \"babs jensen\"", false)]
    [InlineData("displayName ne \"babs jensen\"", true)]
    [InlineData("displayName co \"S JEN\"", false)]
    [InlineData("displayName sw \"babs\"", false)]
    [InlineData("displayName ew \"Jensen\"", true)]
    [InlineData("displayName ew \"JENSEN\"", false)]
    [InlineData("displayName lt \"babs\"", true)]
    [InlineData("displayName gt \"babs\"", false)]
    [InlineData("displayName ge \"babs jensen\"", false)]
    [InlineData("displayName le \"babs jensen\"", true)]
    [InlineData("title eq \"TOUR GUIDE\"", true)]
    public void Matches_CaseExactAttribute_ComparesOrdinally(string filter, bool expected)
    {
        var resource = Parse("""{"displayName":"Babs Jensen","title":"Tour Guide"}""");

        Assert.Equal(expected, Matches(filter, resource, path => path.Equals(P("displayName"))));
    }

    [Theory]
    [InlineData("id eq \"ABC-def\"", true)]
    [InlineData("id eq \"abc-DEF\"", false)]
    [InlineData("id ne \"abc-def\"", true)]
    [InlineData("id sw \"ABC\"", true)]
    [InlineData("id sw \"abc\"", false)]
    [InlineData("ID co \"C-d\"", true)]
    [InlineData("ID co \"c-D\"", false)]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:id eq \"abc-def\"", false)]
    [InlineData("externalId eq \"abc-DEF\"", true)]
    public void Matches_IdWithoutCallback_IsCaseExact(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, Parse("""{"id":"ABC-def","externalId":"ABC-def"}""")));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Matches_IdWithCallback_FollowsCallback(bool idIsCaseExact, bool expected)
    {
        Assert.Equal(expected, Matches("id eq \"abc\"", Parse("""{"id":"ABC"}"""), _ => idIsCaseExact));
    }

    [Theory]
    [InlineData("emails[value eq \"X\"]", "emails.value")]
    [InlineData("emails[type eq \"work\"].value eq \"x\"", "emails.type;emails.value")]
    [InlineData("emails.value eq \"x\"", "emails.value")]
    [InlineData("userName eq \"x\"", "userName")]
    [InlineData("name[givenName eq \"Barbara\"]", "name.givenName")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq \"home\"]", "urn:ietf:params:scim:schemas:core:2.0:User:emails.type")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value eq \"x\"]", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value")]
    public void Matches_CaseExactCallback_ReceivesFullPath(string filter, string expectedPaths)
    {
        var received = new List<AttributePath>();

        Matches(filter, Parse(FullUserJson), path =>
        {
            received.Add(path);
            return false;
        });

        Assert.Equal(expectedPaths.Split(';').Select(AttributePath.Parse), received.Distinct());
    }

    [Theory]
    [InlineData("emails[value eq \"bjensen@example.com\"]", true)]
    [InlineData("emails[value eq \"BJENSEN@example.com\"]", false)]
    [InlineData("emails[type eq \"WORK\" and value ew \"@example.com\"]", true)]
    [InlineData("emails[type eq \"WORK\" and value ew \"@EXAMPLE.COM\"]", false)]
    [InlineData("emails[type eq \"work\"].value eq \"BJENSEN@EXAMPLE.COM\"", false)]
    [InlineData("emails.value eq \"Babs@Jensen.org\"", false)]
    [InlineData("emails.value eq \"babs@jensen.org\"", true)]
    public void Matches_CaseExactSubAttributeInValueFilter_ComparesOrdinally(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, Parse(FullUserJson), path => path.Equals(P("emails", "value"))));
    }

    [Theory]
    [InlineData("emails.value eq \"babs@jensen.org\"", true)]
    [InlineData("emails.value eq \"nobody@jensen.org\"", false)]
    [InlineData("emails.type eq \"home\"", true)]
    [InlineData("emails.primary eq false", false)]
    [InlineData("schemas eq \"urn:ietf:params:scim:schemas:core:2.0:User\"", true)]
    [InlineData("schemas eq \"urn:ietf:params:scim:schemas:core:2.0:Group\"", false)]
    [InlineData("emails co \"example.com\"", true)]
    [InlineData("emails co \"example.net\"", false)]
    [InlineData("emails eq \"BABS@jensen.org\"", true)]
    [InlineData("groups.display eq \"us employees\"", true)]
    [InlineData("phoneNumbers sw \"555-555-44\"", true)]
    [InlineData("phoneNumbers.value gt \"555-555-5555\"", false)]
    public void Matches_MultiValuedAttribute_MatchesWhenAnyValueMatches(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, Parse(FullUserJson)));
    }

    [Theory]
    [InlineData("emails[type eq \"work\" and value co \"@example.com\"]", false)]
    [InlineData("emails.type eq \"work\" and emails.value co \"@example.com\"", true)]
    [InlineData("emails[type eq \"home\" and value co \"@example.com\"]", true)]
    [InlineData("emails[not (type eq \"work\") and value co \"@other.org\"]", false)]
    [InlineData("emails[not (type eq \"work\") and value co \"@example.com\"]", true)]
    [InlineData("not (emails[type eq \"work\" and value co \"@example.com\"])", true)]
    [InlineData("not (emails[type eq \"home\"])", false)]
    [InlineData("emails[type eq \"other\"] or emails[value ew \"other.org\"]", true)]
    [InlineData("emails[type eq \"other\"] or emails[value ew \"other.com\"]", false)]
    [InlineData("name[givenName eq \"Barbara\"]", true)]
    [InlineData("name[givenName eq \"Babs\"]", false)]
    [InlineData("name[givenName eq \"Barbara\" and familyName eq \"Smith\"]", false)]
    [InlineData("emails[type eq \"work\"].value eq \"work@other.org\"", true)]
    [InlineData("emails[type eq \"work\"].value eq \"home@example.com\"", false)]
    [InlineData("ims[type eq \"aim\"]", false)]
    [InlineData("userName[value eq \"split\"]", false)]
    public void Matches_ValueFilter_NeedsOneValueToSatisfyWholeFilter(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, Parse(SplitEmailsJson)));
    }

    [Theory]
    [InlineData("""{}""", false)]
    [InlineData("""{"x":null}""", false)]
    [InlineData("""{"x":""}""", false)]
    [InlineData("""{"x":[]}""", false)]
    [InlineData("""{"x":{}}""", false)]
    [InlineData("""{"x":[null]}""", false)]
    [InlineData("""{"x":{"a":null}}""", false)]
    [InlineData("""{"x":"x"}""", true)]
    [InlineData("""{"x":0}""", true)]
    [InlineData("""{"x":false}""", true)]
    [InlineData("""{"x":[1]}""", true)]
    [InlineData("""{"x":[null,"a"]}""", true)]
    [InlineData("""{"x":{"a":"b"}}""", true)]
    public void Matches_Present_FalseOnlyForAbsentOrEmpty(string json, bool expected)
    {
        Assert.Equal(expected, Matches("x pr", Parse(json)));
    }

    [Theory]
    [InlineData("""{"emails":[{"type":"work"},{"value":"a@b"}]}""", "emails.value pr", true)]
    [InlineData("""{"emails":[{"type":"work"},{"value":""}]}""", "emails.value pr", false)]
    [InlineData("""{"emails":[{"type":"work"},{"value":null}]}""", "emails.value pr", false)]
    [InlineData("""{"emails":[]}""", "emails.value pr", false)]
    [InlineData("""{"emails":[{"type":"work"}]}""", "emails.type pr", true)]
    [InlineData("""{"name":{"givenName":"Barbara"}}""", "name.givenName pr", true)]
    [InlineData("""{"name":{"givenName":"Barbara"}}""", "name.middleName pr", false)]
    [InlineData("""{"name":"Barbara"}""", "name.givenName pr", false)]
    public void Matches_PresentSubAttribute_LooksIntoEveryValue(string json, string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, Parse(json)));
    }

    [Theory]
    [InlineData("2011-05-13T04:42:34Z", "gt \"2011-05-13T04:42:33Z\"", true)]
    [InlineData("2011-05-13T04:42:34Z", "gt \"2011-05-13T04:42:34Z\"", false)]
    [InlineData("2011-05-13T04:42:34Z", "ge \"2011-05-13T04:42:34Z\"", true)]
    [InlineData("2011-05-13T04:42:34Z", "lt \"2011-05-13T04:42:35Z\"", true)]
    [InlineData("2011-05-13T04:42:34Z", "le \"2011-05-13T04:42:34Z\"", true)]
    [InlineData("2011-05-13T06:42:34+02:00", "eq \"2011-05-13T04:42:34Z\"", true)]
    [InlineData("2011-05-13T06:42:34+02:00", "gt \"2011-05-13T05:00:00Z\"", false)]
    [InlineData("2011-05-13T06:42:34+02:00", "lt \"2011-05-13T05:00:00Z\"", true)]
    [InlineData("2011-05-14T01:00:00+05:00", "lt \"2011-05-13T21:00:00Z\"", true)]
    [InlineData("2011-05-13T04:42:34.5Z", "gt \"2011-05-13T04:42:34Z\"", true)]
    [InlineData("2011-05-13T04:42:34.5Z", "le \"2011-05-13T04:42:34Z\"", false)]
    [InlineData("2011-05-13T04:42:34.000Z", "eq \"2011-05-13T04:42:34Z\"", true)]
    [InlineData("2011-05-13T04:42:34", "eq \"2011-05-13T04:42:34Z\"", true)]
    [InlineData("2011-05-13T04:42:34.123456789Z", "gt \"2011-05-13T04:42:34Z\"", true)]
    [InlineData("2011-05-13T04:42:34.123456789Z", "eq \"2011-05-13T04:42:34.1234567Z\"", true)]
    [InlineData("2011-05-13t04:42:34z", "eq \"2011-05-13T04:42:34Z\"", true)]
    [InlineData("2011-05-13t06:42:34+02:00", "lt \"2011-05-13T04:42:35Z\"", true)]
    public void Matches_DateTime_ComparesChronologically(string lastModified, string comparison, bool expected)
    {
        var resource = new JsonObject { ["meta"] = new JsonObject { ["lastModified"] = lastModified } };
        var parsed = Parse(resource.ToJsonString(Unescaped));

        Assert.Equal(expected, Matches("meta.lastModified " + comparison, parsed));
        Assert.Equal(expected, Matches("meta.lastModified " + comparison, resource));
    }

    [Theory]
    [InlineData("""{"n":10}""", "n gt 9", true)]
    [InlineData("""{"n":10}""", "n lt 9", false)]
    [InlineData("""{"n":1.0}""", "n eq 1", true)]
    [InlineData("""{"n":1}""", "n ne 1.0", false)]
    [InlineData("""{"n":2.5}""", "n gt 2.25", true)]
    [InlineData("""{"n":2.5}""", "n lt 2.25", false)]
    [InlineData("""{"n":-3}""", "n lt -2", true)]
    [InlineData("""{"n":-3}""", "n gt -2", false)]
    [InlineData("""{"n":-0.5}""", "n ge -0.5", true)]
    [InlineData("""{"n":1e3}""", "n eq 1000", true)]
    [InlineData("""{"n":[1,5,10]}""", "n gt 9", true)]
    [InlineData("""{"n":[1,5,10]}""", "n gt 10", false)]
    [InlineData("""{"n":"10"}""", "n eq 10", false)]
    [InlineData("""{"n":"10"}""", "n eq \"10\"", true)]
    [InlineData("""{"n":10}""", "n eq \"10\"", false)]
    public void Matches_Number_ComparesNumerically(string json, string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, Parse(json)));
    }

    [Theory]
    [InlineData("""{"active":true}""", "active eq true", true)]
    [InlineData("""{"active":true}""", "active eq false", false)]
    [InlineData("""{"active":true}""", "active ne false", true)]
    [InlineData("""{"active":false}""", "active eq false", true)]
    [InlineData("""{"active":false}""", "active ne false", false)]
    [InlineData("""{"active":true}""", "active eq \"true\"", false)]
    [InlineData("""{"active":"true"}""", "active eq \"true\"", true)]
    [InlineData("""{"active":"true"}""", "active eq true", false)]
    [InlineData("""{}""", "active eq false", false)]
    [InlineData("""{}""", "active ne true", true)]
    public void Matches_Boolean_ComparesByEqualityOnly(string json, string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, Parse(json)));
    }

    [Theory]
    [InlineData("""{}""", "userType ne \"Employee\"", true)]
    [InlineData("""{"userType":"Intern"}""", "userType ne \"Employee\"", true)]
    [InlineData("""{"userType":"Employee"}""", "userType ne \"employee\"", false)]
    [InlineData("""{"emails":[{"value":"a@x"},{"value":"b@x"}]}""", "emails.value ne \"b@x\"", false)]
    [InlineData("""{"emails":[{"value":"a@x"},{"value":"b@x"}]}""", "emails.value ne \"c@x\"", true)]
    [InlineData("""{"emails":[{"value":"a@x"},{"value":"b@x"}]}""", "emails ne \"A@X\"", false)]
    [InlineData("""{"tags":["a","b"]}""", "tags ne \"a\"", false)]
    [InlineData("""{"tags":["a","b"]}""", "tags ne \"c\"", true)]
    public void Matches_NotEqual_IsNegationOfEqual(string json, string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, Parse(json)));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"x":null}""")]
    [InlineData("""{"x":"v"}""")]
    [InlineData("""{"x":"w"}""")]
    [InlineData("""{"x":["v","w"]}""")]
    [InlineData("""{"x":[{"value":"v"},{"type":"t"}]}""")]
    [InlineData("""{"x":10}""")]
    [InlineData("""{"x":true}""")]
    [InlineData("""{"x":"2011-05-13T04:42:34Z"}""")]
    public void Matches_EqualOrNotEqual_MatchesEveryResource(string json)
    {
        var resource = Parse(json);
        string[] comparisons = ["x eq \"v\"", "x eq 10", "x eq true", "x eq \"2011-05-13T06:42:34+02:00\"", "x.value eq \"v\"", "x eq null", "x.value eq null"];

        foreach (var eq in comparisons)
        {
            var ne = eq.Replace(" eq ", " ne ", StringComparison.Ordinal);
            Assert.True(Matches($"{eq} or {ne}", resource), $"{eq} or {ne}");
            Assert.False(Matches($"{eq} and {ne}", resource), $"{eq} and {ne}");
        }
    }

    [Theory]
    [InlineData("""{}""", "x eq null", true)]
    [InlineData("""{"x":null}""", "x eq null", true)]
    [InlineData("""{"x":""}""", "x eq null", true)]
    [InlineData("""{"x":{}}""", "x eq null", true)]
    [InlineData("""{"x":"a"}""", "x eq null", false)]
    [InlineData("""{}""", "x ne null", false)]
    [InlineData("""{"x":[null]}""", "x ne null", false)]
    [InlineData("""{"x":"a"}""", "x ne null", true)]
    [InlineData("""{"name":{"givenName":"Barbara"}}""", "name.givenName eq null", false)]
    [InlineData("""{"name":{"givenName":"Barbara"}}""", "name.middleName eq null", true)]
    [InlineData("""{"name":{"givenName":"Barbara"}}""", "name.middleName ne null", false)]
    [InlineData("""{"emails":[{"type":"work"}]}""", "emails.value eq null", true)]
    [InlineData("""{"emails":[{"type":"work"}]}""", "emails[type eq \"work\" and value eq null]", true)]
    public void Matches_NullLiteral_MatchesExactlyWhenNotPresent(string json, string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, Parse(json)));
    }

    [Theory]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701985\"", false)]
    [InlineData("URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:EmployeeNumber eq \"701984\"", true)]
    [InlineData("employeeNumber eq \"701984\"", false)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"26118915-6090-4610-87e4-49d8ca9f808d\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq \"26118915-6090-4610-87E4-49D8CA9F808D\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:userName pr", false)]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"bjensen\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"jsmith\"", false)]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq \"home\" and value ew \"jensen.org\"]", true)]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq \"home\" and value ew \"example.com\"]", false)]
    public void Matches_UrnQualifiedPath_LooksInSchemaObject(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, Parse(FullUserJson)));
    }

    [Theory]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"ext\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"top\"", false)]
    [InlineData("employeeNumber eq \"top\"", true)]
    [InlineData("employeeNumber eq \"ext\"", false)]
    public void Matches_UrnQualifiedPath_PrefersExtensionOverTopLevelNamesake(string filter, bool expected)
    {
        var resource = Parse("""{"employeeNumber":"top","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"ext"}}""");

        Assert.Equal(expected, Matches(filter, resource));
    }

    [Theory]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"", false)]
    [InlineData("urn:foo:bar:userName eq \"bjensen\"", false)]
    [InlineData("urn:example:widget:1.0:Widget:userName eq \"bjensen\"", true)]
    [InlineData("URN:EXAMPLE:WIDGET:1.0:WIDGET:userName eq \"bjensen\"", true)]
    [InlineData("userName eq \"bjensen\"", true)]
    public void Matches_UrnWithoutObjectOfItsOwn_NamesTopLevelOnlyForTheCoreSchema(string filter, bool expected)
    {
        var resource = Parse("""{"schemas":["urn:example:widget:1.0:Widget","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"bjensen","employeeNumber":"701984"}""");

        Assert.Equal(expected, Matches(filter, resource));
    }

    [Theory]
    [InlineData("emails co \"EXAMPLE.COM\"", false)]
    [InlineData("emails co \"example.com\"", true)]
    public void Matches_ComplexComparedThroughValue_AsksCaseExactnessOfValue(string filter, bool expected)
    {
        var asked = new List<string>();

        var matched = Matches(filter, Parse(FullUserJson), path =>
        {
            asked.Add(path.ToString());
            return path.SubAttributeName == "value";
        });

        Assert.Equal(expected, matched);
        Assert.Contains("emails.value", asked);
    }

    [Theory]
    [InlineData("a pr or b pr and c pr", true)]
    [InlineData("(a pr or b pr) and c pr", false)]
    [InlineData("a pr and c pr or b pr", true)]
    [InlineData("c pr and a pr or c pr", false)]
    [InlineData("a pr and b pr and not (c pr)", true)]
    [InlineData("not (a pr)", false)]
    [InlineData("not (a pr) or b pr", true)]
    [InlineData("not (not (a pr))", true)]
    [InlineData("c pr or not (c pr) and a pr", true)]
    [InlineData("c pr or not (a pr) and b pr", false)]
    public void Matches_LogicalOperators_FollowParsedPrecedence(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, Parse("""{"a":"1","b":"1"}""")));
    }

    [Theory]
    [InlineData("""{"name":{"familyName":"O\u0027Malley"}}""", "name.familyName eq \"O'Malley\"", true)]
    [InlineData("""{"name":{"familyName":"O\u0027Malley"}}""", "name.familyName eq \"O\\u0027MALLEY\"", true)]
    [InlineData("""{"name":{"familyName":"O\u0027Malley"}}""", "name.familyName eq \"OMalley\"", false)]
    [InlineData("""{"name":{"familyName":"O\u0027Malley"}}""", "name.familyName eq \"O\\\\u0027Malley\"", false)]
    [InlineData("""{"displayName":"Zo\u00eb \"Q\" Tab\tEnd"}""", "displayName eq \"ZOË \\\"q\\\" tab\\tend\"", true)]
    [InlineData("""{"displayName":"Zo\u00eb \"Q\" Tab\tEnd"}""", "displayName sw \"Zoe\"", false)]
    [InlineData("""{"displayName":"Björn Ångström"}""", "displayName eq \"BJÖRN ÅNGSTRÖM\"", true)]
    [InlineData("""{"displayName":"Björn Ångström"}""", "displayName eq \"Bjorn Angstrom\"", false)]
    [InlineData("""{"displayName":"日本 😀"}""", "displayName ew \"😀\"", true)]
    [InlineData("""{"displayName":"日本 😀"}""", "displayName sw \"日本 😁\"", false)]
    public void Matches_ParsedStringWithEscapesOrNonAscii_ComparesDecodedText(string json, string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, Parse(json)));
    }

    /// <summary>Strings around the 256-character scratch buffer, ASCII and multi-byte, parsed and with escapes.</summary>
    public static TheoryData<string, string, bool> LongStrings
    {
        get
        {
            var data = new TheoryData<string, string, bool>();
            foreach (var value in new[]
            {
                new string('a', 300) + "Tail",
                new string('é', 128),
                new string('é', 129) + "Z",
            })
            {
                var json = new JsonObject { ["v"] = value }.ToJsonString(Unescaped);
                data.Add(json, "v eq " + ComparisonValue.FromString(value.ToUpperInvariant()), true);
                data.Add(json, "v eq " + ComparisonValue.FromString(value[..^1]), false);
            }

            data.Add(new JsonObject { ["v"] = new string('a', 300) + "Tail" }.ToJsonString(), "v ew \"aTAIL\"", true);
            data.Add(new JsonObject { ["v"] = new string('a', 300) }.ToJsonString(), "v ew \"b\"", false);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(LongStrings))]
    public void Matches_LongParsedString_ComparesWholeText(string json, string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, Parse(json)));
    }

    [Theory]
    [InlineData("strings", "USERNAME eq \"BJensen\"", true)]
    [InlineData("strings", "displayName co \"o'mal\"", true)]
    [InlineData("strings", "id eq \"abc\"", false)]
    [InlineData("strings", "empty pr", false)]
    [InlineData("strings", "long ew \"zEND\"", true)]
    [InlineData("strings", "long eq \"zEND\"", false)]
    [InlineData("numbers", "int gt 9", true)]
    [InlineData("numbers", "long eq 9007199254740993", true)]
    [InlineData("numbers", "long eq 9007199254740992", false)]
    [InlineData("numbers", "double eq 2.5", true)]
    [InlineData("numbers", "decimal eq 0.1", true)]
    [InlineData("numbers", "negative lt -2.5", true)]
    [InlineData("numbers", "text eq 10", false)]
    [InlineData("booleans", "active eq true", true)]
    [InlineData("booleans", "locked ne true", true)]
    [InlineData("booleans", "text eq \"TRUE\"", true)]
    [InlineData("user", "emails[type eq \"work\" and value co \"@example.com\"]", false)]
    [InlineData("user", "emails[type eq \"home\" and value co \"@example.com\"]", true)]
    [InlineData("user", "name[givenName eq \"barbara\"]", true)]
    [InlineData("user", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"26118915-6090-4610-87e4-49d8ca9f808d\"", true)]
    [InlineData("user", "meta.lastModified eq \"2011-05-13T04:42:34Z\"", true)]
    [InlineData("empties", "nullValue pr or emptyString pr or emptyArray pr or emptyObject pr or arrayOfNull pr or objectOfNull pr", false)]
    [InlineData("empties", "zero pr and no pr", true)]
    [InlineData("empties", "emptyString eq null and nullValue eq null and arrayOfNull eq null", true)]
    [InlineData("mixed", "emails[type eq \"work\" and value ew \"example.com\"] and userName eq \"MIXED\"", true)]
    [InlineData("mixed", "emails[type eq \"home\" and value ew \"example.com\"]", false)]
    public void Matches_ResourceBuiltInCode_ReadsValues(string resource, string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, BuiltInCode[resource]()));
    }

    /// <summary>
    /// JsonNode converts these CLR types implicitly; they are JSON numbers and strings (GetValueKind says so) and so
    /// should compare as numbers and strings do.
    /// </summary>
    [Theory]
    [InlineData("float eq 2.5", true)]
    [InlineData("float gt 3", false)]
    [InlineData("short gt 9", true)]
    [InlineData("ulong eq 18446744073709551615", true)]
    [InlineData("byte lt 100", false)]
    [InlineData("guid eq \"26118915-6090-4610-87E4-49D8CA9F808D\"", true)]
    [InlineData("when eq \"2011-05-13T04:42:34Z\"", true)]
    public void Matches_OtherClrTypesBuiltInCode_CompareByJsonKind(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, BuiltInCode["clr"]()));
    }

    [Fact]
    public void Matches_NullFilter_ThrowsArgumentNullException()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => ScimFilterEvaluator.Matches(null!, Parse(FullUserJson)));

        Assert.Equal("filter", exception.ParamName);
    }

    [Fact]
    public void Matches_NullResource_ThrowsArgumentNullException()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => ScimFilterEvaluator.Matches(ScimFilter.Parse("title pr"), null!));

        Assert.Equal("resource", exception.ParamName);
    }
}
