using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Resources;
using Scim.Core.Schema;

namespace Scim.Core.Tests.Resources;

public class ScimResourceTests
{
    private static readonly ResourceType User = SchemaRegistry.CreateDefault().FindResourceType("User")!;

    [Fact]
    public void CommonAttributes_ReadAndWriteTheJson()
    {
        var resource = ScimResource.Parse(User, """{"userName":"bjensen","id":"2819c223","externalId":"701984"}""");

        Assert.Equal("2819c223", resource.Id);
        Assert.Equal("701984", resource.ExternalId);

        resource.Id = "new-id";
        resource.ExternalId = null;

        Assert.Equal("new-id", (string?)resource.Json["id"]);
        Assert.False(resource.Json.ContainsKey("externalId"));
    }

    [Fact]
    public void Meta_RoundTripsWithRfc3339UtcDates()
    {
        var resource = ScimResource.Parse(User, """{"userName":"bjensen"}""");
        var created = new DateTimeOffset(2010, 1, 23, 6, 56, 22, TimeSpan.FromHours(2));
        var modified = new DateTimeOffset(2011, 5, 13, 4, 42, 34, 500, TimeSpan.Zero);

        resource.Meta = new ScimMeta("User", created, modified, "https://example.com/v2/Users/2819c223", "W/\"3694e05e9dff591\"");

        Assert.Equal("2010-01-23T04:56:22Z", (string?)resource.Json["meta"]!["created"]);
        Assert.Equal("2011-05-13T04:42:34.5Z", (string?)resource.Json["meta"]!["lastModified"]);
        Assert.Equal(new ScimMeta("User", created, modified, "https://example.com/v2/Users/2819c223", "W/\"3694e05e9dff591\""), resource.Meta);
        Assert.Equal("W/\"3694e05e9dff591\"", resource.Version);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00+00:00", "0001-01-01T00:00:00Z")]
    [InlineData("2011-01-23T06:56:22+02:00", "2011-01-23T04:56:22Z")]
    [InlineData("2011-01-23T04:56:22.5+00:00", "2011-01-23T04:56:22.5Z")]
    [InlineData("2011-01-22T23:56:22.0000001-05:00", "2011-01-23T04:56:22.0000001Z")]
    [InlineData("2011-01-23T04:56:22.1230000+00:00", "2011-01-23T04:56:22.123Z")]
    [InlineData("9999-12-31T23:59:59.9999999+00:00", "9999-12-31T23:59:59.9999999Z")]
    public void MetaFormat_WritesUtcWithOnlyTheFractionDigitsItNeeds(string value, string expected)
    {
        Assert.Equal(expected, ScimMeta.Format(DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void MetaFormat_AgreesWithTheCustomPatternForAnyTimeAndOffset()
    {
        // The pattern the formatter replaced: the same text for every instant, whatever its offset.
        var random = new Random(20261129);
        for (var i = 0; i < 20_000; i++)
        {
            var ticks = random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay);
            // Whole seconds, then whole milliseconds, then any tick: each length of fraction comes up.
            ticks -= (i % 3) switch { 0 => ticks % TimeSpan.TicksPerSecond, 1 => ticks % TimeSpan.TicksPerMillisecond, _ => 0 };
            var value = new DateTimeOffset(ticks, TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1)));

            Assert.Equal(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture), ScimMeta.Format(value));
        }
    }

    [Fact]
    public void Meta_WithoutLocationOrVersion_WritesNoNulls()
    {
        var resource = ScimResource.Parse(User, "{}");

        resource.Meta = new ScimMeta("User", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null);

        Assert.Equal("""{"meta":{"resourceType":"User","created":"1970-01-01T00:00:00Z","lastModified":"1970-01-01T00:00:00Z"}}""", resource.ToString());
    }

    [Theory]
    [InlineData("""{"userName":"a"}""", new[] { SchemaUrns.User })]
    [InlineData("""{"userName":"a","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"1"}}""", new[] { SchemaUrns.User, SchemaUrns.EnterpriseUser })]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"a"}""", new[] { SchemaUrns.User })]
    [InlineData("""{"URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER":{"employeeNumber":"1"}}""", new[] { SchemaUrns.User, SchemaUrns.EnterpriseUser })]
    public void SyncSchemas_ListsTheCoreSchemaAndEachExtensionPresent(string json, string[] expected)
    {
        var resource = ScimResource.Parse(User, json);

        resource.SyncSchemas();

        Assert.Equal(expected, resource.Schemas);
    }

    [Fact]
    public void Clone_IsIndependent()
    {
        var resource = ScimResource.Parse(User, """{"userName":"bjensen","emails":[{"value":"a@b.c"}]}""");

        var copy = resource.Clone();
        copy.Json["emails"]!.AsArray().Add((JsonNode)new JsonObject { ["value"] = "x@y.z" });
        copy.Id = "1";

        Assert.Single(resource.Json["emails"]!.AsArray());
        Assert.Null(resource.Id);
    }

    [Theory]
    [InlineData("{\"userName\":", "not valid JSON")]
    [InlineData("{\"userName\":\"a\",}", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("\"text\"", "must be a JSON object")]
    [InlineData("null", "must be a JSON object")]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"userName\":\"a\",\"userName\":\"b\"}", "not valid JSON")]
    public void Parse_NotAJsonObject_IsInvalidSyntax(string json, string reason)
    {
        var exception = Assert.Throws<ScimException>(() => ScimResource.Parse(User, json));

        Assert.Equal(400, exception.Status);
        Assert.Equal(ScimErrorType.InvalidSyntax, exception.ScimType);
        Assert.Contains(reason, exception.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedJson_NamesLineAndPosition()
    {
        var exception = Assert.Throws<ScimException>(() => ScimResource.Parse(User, "{\n  \"userName\": tru\n}"));

        Assert.Contains("line 2", exception.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingDeeperThanTheLimit_IsInvalidSyntaxNotAStackOverflow()
    {
        var json = "{\"a\":" + string.Concat(Enumerable.Repeat("[", 100_000)) + string.Concat(Enumerable.Repeat("]", 100_000)) + "}";

        var exception = Assert.Throws<ScimException>(() => ScimResource.Parse(User, json));

        Assert.Equal(ScimErrorType.InvalidSyntax, exception.ScimType);
    }

    private static readonly ScimMeta StoredMeta = new("User", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), null, "W/\"7\"");

    [Fact]
    public void FromStored_Json_IsTheBodyWithSchemasFirstThenIdAndMetaLast()
    {
        var resource = ScimResource.FromStored(User, "u1", """{"userName":"a","ID":"stale","schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"Meta":{"version":"W/\"1\""}}""", StoredMeta);

        Assert.Equal(
            """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","userName":"a","meta":{"resourceType":"User","created":"1970-01-01T00:00:00Z","lastModified":"1970-01-02T00:00:00Z","version":"W/\"7\""}}""",
            resource.ToString());
    }

    [Fact]
    public void FromStored_IdMetaAndVersion_AreReadWithoutParsingTheBody()
    {
        // A body that is not JSON shows that nothing here parses it; only Json does, and says so.
        var resource = ScimResource.FromStored(User, "u1", "not json", StoredMeta);

        resource.SetLocation("https://example.com/v2/Users/u1");
        resource.Meta = resource.Meta! with { Version = "W/\"8\"" };

        Assert.Equal("u1", resource.Id);
        Assert.Equal("W/\"8\"", resource.Version);
        Assert.Equal("https://example.com/v2/Users/u1", resource.Meta!.Location);
        Assert.Equal(ScimErrorType.InvalidSyntax, Assert.Throws<ScimException>(() => resource.Json).ScimType);
    }

    [Fact]
    public void FromStored_ChangesBeforeTheJsonIsBuilt_AreInIt()
    {
        var resource = ScimResource.FromStored(User, "u1", """{"userName":"a"}""", StoredMeta);

        resource.SetLocation("https://example.com/v2/Users/u1");
        resource.ExternalId = "x1";

        Assert.Equal("https://example.com/v2/Users/u1", (string?)resource.Json["meta"]!["location"]);
        Assert.Equal("x1", (string?)resource.Json["externalId"]);
        Assert.Equal("u1", (string?)resource.Json["id"]);
    }

    [Fact]
    public void SetLocation_OnMetaWithAVersion_GoesBeforeIt_AsAStoredResourceWritesIt()
    {
        var resource = ScimResource.Parse(User, """{"userName":"a"}""");
        resource.Meta = StoredMeta;
        var stored = ScimResource.FromStored(User, "u1", """{"userName":"a"}""", StoredMeta);

        resource.SetLocation("https://example.com/v2/Users/u1");
        stored.SetLocation("https://example.com/v2/Users/u1");
        resource.SetLocation("https://example.com/v2/Users/u2");

        Assert.Equal(["resourceType", "created", "lastModified", "location", "version"], resource.Json["meta"]!.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal(stored.Json["meta"]!.ToJsonString().Replace("/u1", "/u2", StringComparison.Ordinal), resource.Json["meta"]!.ToJsonString());
    }

    [Fact]
    public void SetLocation_WithoutMeta_ChangesNothing()
    {
        var resource = ScimResource.Parse(User, """{"userName":"a"}""");

        resource.SetLocation("https://example.com/v2/Users/u1");

        Assert.Equal("""{"userName":"a"}""", resource.ToString());
    }
}
