using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Paths;
using Scim.Core.Querying;
using Scim.Core.Resources;
using Scim.Core.Schema;

namespace Scim.Core.Tests.Querying;

/// <summary>
/// <see cref="ResourceComparer"/> (RFC 7644 §3.4.2.3). The Thing tables use a schema with every attribute type; the
/// User tables use the RFC 7643 §8.7.1 schemas. Each row sorts the same resources, given in two different orders, with
/// <see cref="List{T}.Sort(IComparer{T})"/>, which is not stable: equal results show the order is total.
/// </summary>
public class ResourceComparerTests
{
    private const string ThingUrn = "urn:test:schemas:core:1.0:Thing";
    private const string ThingExtensionUrn = "urn:test:schemas:extension:1.0:Thing";
    private const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static readonly SchemaRegistry ThingRegistry = new SchemaRegistry()
        .AddSchema(new ScimSchema(ThingUrn, "Thing", [
            new SchemaAttribute("name"),
            new SchemaAttribute("code") { CaseExact = true },
            new SchemaAttribute("rank", AttributeType.Integer),
            new SchemaAttribute("score", AttributeType.Decimal),
            new SchemaAttribute("born", AttributeType.DateTime),
            new SchemaAttribute("enabled", AttributeType.Boolean),
            new SchemaAttribute("tags") { MultiValued = true },
            new SchemaAttribute("phones", AttributeType.Complex)
            {
                MultiValued = true,
                SubAttributes = [new SchemaAttribute("value"), new SchemaAttribute("type"), new SchemaAttribute("primary", AttributeType.Boolean)],
            },
            new SchemaAttribute("size", AttributeType.Complex)
            {
                SubAttributes = [new SchemaAttribute("width", AttributeType.Integer), new SchemaAttribute("unit")],
            },
            new SchemaAttribute("pin") { Returned = Returned.Never },
            new SchemaAttribute("hash") { Mutability = Mutability.WriteOnly },
        ]))
        .AddSchema(new ScimSchema(ThingExtensionUrn, "ThingExtension", [new SchemaAttribute("level", AttributeType.Integer)]))
        .AddResourceType(new ResourceType("Thing", "/Things", ThingUrn, [new SchemaExtension(ThingExtensionUrn, Required: false)]));

    /// <summary>
    /// t1..t5; t4 has nothing but its id. t2 and t5 tie on name (case-insensitively), score and enabled, so the id decides.
    /// t2 was born at 03:42:34Z, before t1 (04:42:34Z), though its text sorts after. t5's birth date does not parse.
    /// </summary>
    private static readonly string[] Things =
    [
        """
        {
          "id": "t1", "name": "bravo", "code": "b", "rank": 10, "score": 2.5, "born": "2011-05-13T04:42:34Z", "enabled": true,
          "tags": [ "x", "m" ],
          "phones": [ { "value": "555-0003", "type": "work" }, { "value": "555-0001", "type": "home", "primary": true } ],
          "size": { "width": 30 },
          "urn:test:schemas:extension:1.0:Thing": { "level": 3 },
          "meta": { "lastModified": "2024-01-02T00:00:00Z" }
        }
        """,
        """
        {
          "id": "t2", "name": "Alpha", "code": "B", "rank": 9, "score": 10, "born": "2011-05-13T06:42:34+03:00", "enabled": false,
          "tags": [ "a" ],
          "phones": [ { "value": "555-0002" } ],
          "size": { "width": 4, "unit": "cm" },
          "urn:test:schemas:extension:1.0:Thing": { "level": 1 },
          "meta": { "lastModified": "2024-01-01T23:59:59.5-01:00" }
        }
        """,
        """
        {
          "id": "t3", "name": "charlie", "code": "a", "rank": -1, "score": 2.25, "born": "2010-01-01T00:00:00Z",
          "tags": [],
          "phones": [ { "type": "work" }, { "value": "555-0009", "type": "home" } ],
          "meta": { "lastModified": "2024-01-02T00:00:00.001Z" }
        }
        """,
        """{ "id": "t4" }""",
        """
        {
          "id": "t5", "name": "ALPHA", "code": "c", "rank": 100, "score": 10.0, "born": "not a date", "enabled": true,
          "tags": [ "b" ],
          "phones": [ { "value": "", "primary": true } ],
          "size": { "unit": "m" },
          "urn:test:schemas:extension:1.0:Thing": { "level": "high" }
        }
        """,
    ];

    public static TheoryData<string, bool, string> ThingOrders => new()
    {
        { "name", false, "t2 t5 t1 t3 t4" },
        { "name", true, "t4 t3 t1 t2 t5" },
        { "NAME", false, "t2 t5 t1 t3 t4" },
        { ThingUrn + ":name", false, "t2 t5 t1 t3 t4" },
        { "code", false, "t2 t3 t1 t5 t4" },
        { "code", true, "t4 t5 t1 t3 t2" },
        { "rank", false, "t3 t2 t1 t5 t4" },
        { "rank", true, "t4 t5 t1 t2 t3" },
        { "score", false, "t3 t1 t2 t5 t4" },
        { "score", true, "t4 t2 t5 t1 t3" },
        { "born", false, "t3 t2 t1 t4 t5" },
        { "born", true, "t4 t5 t1 t2 t3" },
        { "enabled", false, "t2 t1 t5 t3 t4" },
        { "enabled", true, "t3 t4 t1 t5 t2" },
        { "tags", false, "t2 t5 t1 t3 t4" },
        { "phones", false, "t1 t2 t3 t4 t5" },
        { "phones.value", false, "t1 t2 t3 t4 t5" },
        { "phones.value", true, "t4 t5 t3 t2 t1" },
        { "phones.type", false, "t1 t3 t2 t4 t5" },
        { "size.width", false, "t2 t1 t3 t4 t5" },
        { "size.unit", false, "t2 t5 t1 t3 t4" },
        { "level", false, "t2 t1 t3 t4 t5" },
        { ThingExtensionUrn + ":level", true, "t3 t4 t5 t1 t2" },
        { "meta.lastModified", false, "t1 t3 t2 t4 t5" },
        { "meta.lastModified", true, "t4 t5 t2 t3 t1" },
        { "id", false, "t1 t2 t3 t4 t5" },
        { "id", true, "t5 t4 t3 t2 t1" },
    };

    [Theory]
    [MemberData(nameof(ThingOrders))]
    public void Create_SortByAttributeType_OrdersAsRfc7644Section3423(string sortBy, bool descending, string expected) =>
        AssertOrder(ThingRegistry, "Thing", Things, sortBy, descending, expected);

    /// <summary>The RFC 7643 §8.7.1 User schema: userName is not caseExact, emails is multi-valued with primary.</summary>
    private static readonly string[] Users =
    [
        """
        {
          "id": "u1", "userName": "bjensen", "name": { "familyName": "Jensen" }, "active": true,
          "emails": [ { "value": "z@example.com", "type": "home" }, { "value": "b@example.com", "type": "work", "primary": true } ],
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "employeeNumber": "701984" },
          "meta": { "lastModified": "2011-05-13T04:42:34Z" }
        }
        """,
        """
        {
          "id": "u2", "userName": "Adam", "name": { "familyName": "smith" }, "active": false,
          "emails": [ { "value": "c@example.com" } ],
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "employeeNumber": "100" },
          "meta": { "lastModified": "2010-01-23T04:56:22Z" }
        }
        """,
        """{ "id": "u3", "userName": "carol", "name": { "familyName": "Adams" } }""",
    ];

    public static TheoryData<string, bool, string> UserOrders => new()
    {
        { "userName", false, "u2 u1 u3" },
        { "userName", true, "u3 u1 u2" },
        { "name.familyName", false, "u3 u1 u2" },
        { "emails", false, "u1 u2 u3" },
        { "emails.value", true, "u3 u2 u1" },
        { "emails.type", false, "u1 u2 u3" },
        { "active", false, "u2 u1 u3" },
        { "meta.lastModified", false, "u2 u1 u3" },
        { EnterpriseUrn + ":employeeNumber", false, "u2 u1 u3" },
        { "employeeNumber", true, "u3 u1 u2" },
    };

    [Theory]
    [MemberData(nameof(UserOrders))]
    public void Create_SortRfcUsers_OrdersAsRfc7644Section3423(string sortBy, bool descending, string expected) =>
        AssertOrder(SchemaRegistry.CreateDefault(), "User", Users, sortBy, descending, expected);

    public static TheoryData<string, string, string> InvalidSortBy => new()
    {
        { "Thing", "nothing", "nothing" },
        { "Thing", "name.first", "first" },
        { "Thing", "size", "size" },
        { "Thing", "pin", "pin" },
        { "Thing", "hash", "hash" },
        { "Thing", "phones[type eq \"work\"].value", "value filter" },
        { "Thing", "urn:test:schemas:other:1.0:Thing:level", "urn:test:schemas:other:1.0:Thing" },
        { "User", "password", "password" },
        { "User", "name", "name" },
        { "User", "members", "members" },
    };

    [Theory]
    [MemberData(nameof(InvalidSortBy))]
    public void Create_UnusableSortBy_ThrowsInvalidValueNamingIt(string type, string sortBy, string named)
    {
        var registry = type == "Thing" ? ThingRegistry : SchemaRegistry.CreateDefault();

        var exception = Assert.Throws<ScimException>(() =>
            ResourceComparer.Create(registry, registry.FindResourceType(type)!, AttributePath.Parse(sortBy), descending: false));

        Assert.Equal(400, exception.Status);
        Assert.Equal(ScimErrorType.InvalidValue, exception.ScimType);
        Assert.Contains(named, exception.Detail, StringComparison.Ordinal);
        Assert.StartsWith("sortBy: ", exception.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("born")]
    [InlineData("rank")]
    [InlineData("phones")]
    public void Compare_EveryPair_IsAntisymmetricAndReflexive(string sortBy)
    {
        var type = ThingRegistry.FindResourceType("Thing")!;
        var things = Things.Select(json => new ScimResource(type, JsonNode.Parse(json)!.AsObject())).ToList();

        foreach (var descending in new[] { false, true })
        {
            var comparer = ResourceComparer.Create(ThingRegistry, type, AttributePath.Parse(sortBy), descending);
            foreach (var x in things)
            {
                Assert.Equal(0, comparer.Compare(x, x));
                Assert.Equal(0, comparer.Compare(x, new ScimResource(type, (JsonObject)x.Json.DeepClone())));
                Assert.True(comparer.Compare(null, x) < 0);
                Assert.True(comparer.Compare(x, null) > 0);
                foreach (var y in things.Where(y => y != x))
                {
                    Assert.Equal(-Math.Sign(comparer.Compare(y, x)), Math.Sign(comparer.Compare(x, y)));
                    Assert.NotEqual(0, comparer.Compare(x, y));
                }
            }
        }
    }

    [Fact]
    public void Create_ResourcesBuiltInCode_CompareLikeParsedOnes()
    {
        var type = ThingRegistry.FindResourceType("Thing")!;
        var comparer = ResourceComparer.Create(ThingRegistry, type, AttributePath.Parse("born"), descending: false);
        var early = new ScimResource(type, new JsonObject { ["id"] = "a", ["born"] = JsonValue.Create(new DateTimeOffset(2011, 5, 13, 3, 0, 0, TimeSpan.Zero)) });
        var late = new ScimResource(type, JsonNode.Parse("""{ "id": "b", "born": "2011-05-13T04:00:00Z" }""")!.AsObject());

        Assert.True(comparer.Compare(early, late) < 0);

        comparer = ResourceComparer.Create(ThingRegistry, type, AttributePath.Parse("rank"), descending: false);
        var small = new ScimResource(type, new JsonObject { ["id"] = "b", ["rank"] = 9L });
        var large = new ScimResource(type, JsonNode.Parse("""{ "id": "a", "rank": 10 }""")!.AsObject());

        Assert.True(comparer.Compare(small, large) < 0);
    }

    private static void AssertOrder(SchemaRegistry registry, string typeName, string[] jsons, string sortBy, bool descending, string expected)
    {
        var type = registry.FindResourceType(typeName)!;
        var comparer = ResourceComparer.Create(registry, type, AttributePath.Parse(sortBy), descending);
        var resources = jsons.Select(json => new ScimResource(type, JsonNode.Parse(json)!.AsObject())).ToList();

        foreach (var start in new[] { resources, Enumerable.Reverse(resources).ToList() })
        {
            var sorted = start.ToList();
            sorted.Sort(comparer);
            Assert.Equal(expected, string.Join(" ", sorted.Select(r => r.Id)));
        }
    }
}
