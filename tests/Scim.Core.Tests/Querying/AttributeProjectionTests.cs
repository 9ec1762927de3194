using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Paths;
using Scim.Core.Querying;
using Scim.Core.Resources;
using Scim.Core.Schema;

namespace Scim.Core.Tests.Querying;

/// <summary>
/// <see cref="AttributeProjection"/> (RFC 7644 §3.4.2.5, §3.9; RFC 7643 §7 <c>returned</c>). Expected results are
/// compact JSON with <c>'</c> for <c>"</c>, <c>{U}</c> for the core User URN and <c>{E}</c> for the Enterprise User URN.
/// The User tables use the RFC 7643 §8.7.1 schemas; the Widget tables use a schema of their own for what those
/// schemas do not have (<c>returned: request</c>, <c>always</c> sub-attributes, a custom extension).
/// </summary>
public class AttributeProjectionTests
{
    private const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    /// <summary>The RFC 7643 §8.2 / §8.3 user, shortened, with a password.</summary>
    private const string UserJson = """
        {
          "schemas": [ "urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User" ],
          "id": "2819c223",
          "externalId": "701984",
          "userName": "bjensen@example.com",
          "name": { "formatted": "Ms. Barbara J Jensen, III", "familyName": "Jensen", "givenName": "Barbara" },
          "displayName": "Babs Jensen",
          "password": "t1meMa$heen",
          "emails": [
            { "value": "bjensen@example.com", "type": "work", "primary": true },
            { "value": "babs@jensen.org", "type": "home" }
          ],
          "active": true,
          "groups": [ { "value": "e9e30dba", "$ref": "https://example.com/v2/Groups/e9e30dba", "display": "Tour Guides" } ],
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "employeeNumber": "701984",
            "costCenter": "4130",
            "manager": { "value": "26118915", "$ref": "../Users/26118915", "displayName": "John Smith" }
          },
          "meta": { "resourceType": "User", "created": "2010-01-23T04:56:22Z", "lastModified": "2011-05-13T04:42:34Z" }
        }
        """;

    private const string Both = "'schemas':['{U}','{E}'],'id':'2819c223'";
    private const string CoreOnly = "'schemas':['{U}'],'id':'2819c223'";
    private const string Name = "'name':{'formatted':'Ms. Barbara J Jensen, III','familyName':'Jensen','givenName':'Barbara'}";
    private const string Emails = "'emails':[{'value':'bjensen@example.com','type':'work','primary':true},{'value':'babs@jensen.org','type':'home'}]";
    private const string Groups = "'groups':[{'value':'e9e30dba','$ref':'https://example.com/v2/Groups/e9e30dba','display':'Tour Guides'}]";
    private const string Manager = "'manager':{'value':'26118915','$ref':'../Users/26118915','displayName':'John Smith'}";
    private const string Enterprise = "'{E}':{'employeeNumber':'701984','costCenter':'4130'," + Manager + "}";
    private const string Meta = "'meta':{'resourceType':'User','created':'2010-01-23T04:56:22Z','lastModified':'2011-05-13T04:42:34Z'}";
    private const string CoreAttributes = "'externalId':'701984','userName':'bjensen@example.com'," + Name + ",'displayName':'Babs Jensen',"
        + Emails + ",'active':true," + Groups;

    /// <summary>Everything but the password.</summary>
    private const string Default = "{" + Both + "," + CoreAttributes + "," + Enterprise + "," + Meta + "}";

    private const string WithoutEmails = "{" + Both + ",'externalId':'701984','userName':'bjensen@example.com'," + Name
        + ",'displayName':'Babs Jensen','active':true," + Groups + "," + Enterprise + "," + Meta + "}";

    /// <summary>Lazy, so that the Widget and ParseList tests do not depend on the built-in schemas loading.</summary>
    private static readonly Lazy<SchemaRegistry> DefaultRegistry = new(SchemaRegistry.CreateDefault);

    private static SchemaRegistry Registry => DefaultRegistry.Value;

    public static TheoryData<string, string> AttributesOnly => new()
    {
        { "userName", "{" + CoreOnly + ",'userName':'bjensen@example.com'}" },
        { "userName,displayName", "{" + CoreOnly + ",'userName':'bjensen@example.com','displayName':'Babs Jensen'}" },
        { "name", "{" + CoreOnly + "," + Name + "}" },
        { "emails", "{" + CoreOnly + "," + Emails + "}" },
        { "groups", "{" + CoreOnly + "," + Groups + "}" },
        { "meta", "{" + CoreOnly + "," + Meta + "}" },
        { "active", "{" + CoreOnly + ",'active':true}" },
        { "id", "{" + CoreOnly + "}" },
        { "schemas", "{" + CoreOnly + "}" },
        { "externalId", "{" + CoreOnly + ",'externalId':'701984'}" },
    };

    [Theory]
    [MemberData(nameof(AttributesOnly))]
    public void Apply_AttributesOnly_ReturnsNamedAndAlwaysReturned(string attributes, string expected) =>
        AssertProjection(User(), attributes, null, expected);

    public static TheoryData<string, string> SubAttributes => new()
    {
        { "name.givenName", "{" + CoreOnly + ",'name':{'givenName':'Barbara'}}" },
        { "name.givenName,name.familyName", "{" + CoreOnly + ",'name':{'familyName':'Jensen','givenName':'Barbara'}}" },
        { "name,name.givenName", "{" + CoreOnly + "," + Name + "}" },
        { "meta.lastModified", "{" + CoreOnly + ",'meta':{'lastModified':'2011-05-13T04:42:34Z'}}" },
        { "name.nickName", "{" + CoreOnly + "}" },
    };

    [Theory]
    [MemberData(nameof(SubAttributes))]
    public void Apply_SubAttribute_ReturnsOnlyThatSubAttribute(string attributes, string expected) =>
        AssertProjection(User(), attributes, null, expected);

    public static TheoryData<string, string> MultiValuedSubAttributes => new()
    {
        { "emails.value", "{" + CoreOnly + ",'emails':[{'value':'bjensen@example.com'},{'value':'babs@jensen.org'}]}" },
        { "emails.type,emails.value", "{" + CoreOnly + ",'emails':[{'value':'bjensen@example.com','type':'work'},{'value':'babs@jensen.org','type':'home'}]}" },
        { "emails.primary", "{" + CoreOnly + ",'emails':[{'primary':true}]}" },
        { "emails.display", "{" + CoreOnly + "}" },
        { "groups.display", "{" + CoreOnly + ",'groups':[{'display':'Tour Guides'}]}" },
        { "groups.$ref", "{" + CoreOnly + ",'groups':[{'$ref':'https://example.com/v2/Groups/e9e30dba'}]}" },
    };

    [Theory]
    [MemberData(nameof(MultiValuedSubAttributes))]
    public void Apply_MultiValuedSubAttribute_SelectsItInEveryValueAndDropsEmptyValues(string attributes, string expected) =>
        AssertProjection(User(), attributes, null, expected);

    public static TheoryData<string, string> QualifiedNames => new()
    {
        { UserUrn + ":userName", "{" + CoreOnly + ",'userName':'bjensen@example.com'}" },
        { UserUrn + ":name.familyName", "{" + CoreOnly + ",'name':{'familyName':'Jensen'}}" },
        { UserUrn + ":emails.value", "{" + CoreOnly + ",'emails':[{'value':'bjensen@example.com'},{'value':'babs@jensen.org'}]}" },
        { EnterpriseUrn + ":employeeNumber", "{" + Both + ",'{E}':{'employeeNumber':'701984'}}" },
        { EnterpriseUrn + ":manager", "{" + Both + ",'{E}':{" + Manager + "}}" },
        { EnterpriseUrn + ":manager.displayName", "{" + Both + ",'{E}':{'manager':{'displayName':'John Smith'}}}" },
        { "employeeNumber", "{" + Both + ",'{E}':{'employeeNumber':'701984'}}" },
        { "manager.value,costCenter", "{" + Both + ",'{E}':{'costCenter':'4130','manager':{'value':'26118915'}}}" },
        { "userName," + EnterpriseUrn + ":costCenter", "{" + Both + ",'userName':'bjensen@example.com','{E}':{'costCenter':'4130'}}" },
    };

    [Theory]
    [MemberData(nameof(QualifiedNames))]
    public void Apply_QualifiedOrExtensionName_SelectsInsideTheRightObject(string attributes, string expected) =>
        AssertProjection(User(), attributes, null, expected);

    public static TheoryData<string, string> WholeSchemas => new()
    {
        { EnterpriseUrn, "{" + Both + "," + Enterprise + "}" },
        { EnterpriseUrn + ",displayName", "{" + Both + ",'displayName':'Babs Jensen'," + Enterprise + "}" },
        { EnterpriseUrn.ToUpperInvariant(), "{" + Both + "," + Enterprise + "}" },
        { UserUrn, "{" + CoreOnly + "," + CoreAttributes + "," + Meta + "}" },
    };

    [Theory]
    [MemberData(nameof(WholeSchemas))]
    public void Apply_SchemaUrnAlone_SelectsTheWholeSchema(string attributes, string expected) =>
        AssertProjection(User(), attributes, null, expected);

    public static TheoryData<string, string> ExcludedOnly => new()
    {
        { "emails", WithoutEmails },
        { "meta", "{" + Both + "," + CoreAttributes + "," + Enterprise + "}" },
        {
            "name.givenName,emails.type,emails.primary",
            "{" + Both + ",'externalId':'701984','userName':'bjensen@example.com','name':{'formatted':'Ms. Barbara J Jensen, III','familyName':'Jensen'},"
                + "'displayName':'Babs Jensen','emails':[{'value':'bjensen@example.com'},{'value':'babs@jensen.org'}],'active':true," + Groups + "," + Enterprise + "," + Meta + "}"
        },
        { EnterpriseUrn, "{" + CoreOnly + "," + CoreAttributes + "," + Meta + "}" },
        { "employeeNumber,costCenter,manager", "{" + CoreOnly + "," + CoreAttributes + "," + Meta + "}" },
        { EnterpriseUrn + ":manager", "{" + Both + "," + CoreAttributes + ",'{E}':{'employeeNumber':'701984','costCenter':'4130'}," + Meta + "}" },
        { "manager.$ref,manager.value", "{" + Both + "," + CoreAttributes + ",'{E}':{'employeeNumber':'701984','costCenter':'4130','manager':{'displayName':'John Smith'}}," + Meta + "}" },
        { "id,schemas", Default },
        { "password", Default },
        { UserUrn + ":userName,displayName", "{" + Both + ",'externalId':'701984'," + Name + "," + Emails + ",'active':true," + Groups + "," + Enterprise + "," + Meta + "}" },
    };

    [Theory]
    [MemberData(nameof(ExcludedOnly))]
    public void Apply_ExcludedOnly_ReturnsDefaultExceptNamedButNeverAlwaysReturned(string excluded, string expected) =>
        AssertProjection(User(), null, excluded, expected);

    public static TheoryData<string?, string?, string> BothOrNeither => new()
    {
        { "userName", "userName", "{" + CoreOnly + ",'userName':'bjensen@example.com'}" },
        { "displayName", "emails", "{" + CoreOnly + ",'displayName':'Babs Jensen'}" },
        { "", "emails", WithoutEmails },
        { null, null, Default },
        { "", "", Default },
    };

    [Theory]
    [MemberData(nameof(BothOrNeither))]
    public void Apply_BothListsOrNeither_AttributesWinAndEmptyMeansNotGiven(string? attributes, string? excluded, string expected) =>
        AssertProjection(User(), attributes, excluded, expected);

    public static TheoryData<string?, string?, string> NeverReturned => new()
    {
        { null, null, Default },
        { "password", null, "{" + CoreOnly + "}" },
        { "password,userName", null, "{" + CoreOnly + ",'userName':'bjensen@example.com'}" },
        { UserUrn, null, "{" + CoreOnly + "," + CoreAttributes + "," + Meta + "}" },
        { null, "userName", Default.Replace("'userName':'bjensen@example.com',", "", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(NeverReturned))]
    public void Apply_PasswordIsReturnedNever_NeverAppears(string? attributes, string? excluded, string expected)
    {
        var projected = AssertProjection(User(), attributes, excluded, expected);

        Assert.DoesNotContain("t1meMa$heen", projected.ToJsonString(), StringComparison.Ordinal);
    }

    public static TheoryData<string?, string?, string> UnknownNames => new()
    {
        { "userName,nickNameX,name.middle,urn:example:unknown:2.0:Thing:attr", null, "{" + CoreOnly + ",'userName':'bjensen@example.com'}" },
        { "nothingHere", null, "{" + CoreOnly + "}" },
        { UserUrn + ":employeeNumber", null, "{" + CoreOnly + "}" },
        { "urn:ietf:params:scim:schemas:extension:other:2.0:User", null, "{" + CoreOnly + "}" },
        { null, "nothingHere,name.nothing,urn:example:unknown:2.0:Thing:attr", Default },
        { "members", null, "{" + CoreOnly + "}" },
    };

    [Theory]
    [MemberData(nameof(UnknownNames))]
    public void Apply_UnknownNames_AreIgnored(string? attributes, string? excluded, string expected) =>
        AssertProjection(User(), attributes, excluded, expected);

    public static TheoryData<string, string> CaseInsensitiveNames => new()
    {
        { "USERNAME", "{" + CoreOnly + ",'userName':'bjensen@example.com'}" },
        { "Name.GivenName,EMAILS.VALUE", "{" + CoreOnly + ",'name':{'givenName':'Barbara'},'emails':[{'value':'bjensen@example.com'},{'value':'babs@jensen.org'}]}" },
        { EnterpriseUrn.ToUpperInvariant() + ":EMPLOYEENUMBER", "{" + Both + ",'{E}':{'employeeNumber':'701984'}}" },
        { "MANAGER.DISPLAYNAME", "{" + Both + ",'{E}':{'manager':{'displayName':'John Smith'}}}" },
        { "META.LASTMODIFIED", "{" + CoreOnly + ",'meta':{'lastModified':'2011-05-13T04:42:34Z'}}" },
    };

    [Theory]
    [MemberData(nameof(CaseInsensitiveNames))]
    public void Apply_NamesInAnyCase_MatchCaseInsensitively(string attributes, string expected) =>
        AssertProjection(User(), attributes, null, expected);

    [Fact]
    public void Apply_ResourceKeysInOtherCase_MatchAndKeepTheirSpelling()
    {
        var user = Resource(Registry, "User", """
            {
              "Schemas": [ "urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User" ],
              "ID": "1",
              "UserName": "bjensen",
              "PASSWORD": "secret",
              "Emails": [ { "Value": "a@example.com", "TYPE": "work" } ],
              "urn:ietf:params:scim:schemas:extension:ENTERPRISE:2.0:user": { "EmployeeNumber": "7", "costcenter": "9" }
            }
            """);

        AssertProjection(user, "userName,emails.value,employeeNumber,password", null,
            "{'schemas':['{U}','{E}'],'ID':'1','UserName':'bjensen','Emails':[{'Value':'a@example.com'}],"
            + "'urn:ietf:params:scim:schemas:extension:ENTERPRISE:2.0:user':{'EmployeeNumber':'7'}}");
        AssertProjection(user, null, "emails.type,costCenter",
            "{'schemas':['{U}','{E}'],'ID':'1','UserName':'bjensen','Emails':[{'Value':'a@example.com'}],"
            + "'urn:ietf:params:scim:schemas:extension:ENTERPRISE:2.0:user':{'EmployeeNumber':'7'}}");
    }

    [Fact]
    public void Apply_GroupMembers_ProjectsTheGroupSchema()
    {
        var group = Resource(Registry, "Group", """
            {
              "schemas": [ "urn:ietf:params:scim:schemas:core:2.0:Group" ],
              "id": "e9e30dba",
              "displayName": "Tour Guides",
              "members": [
                { "value": "2819c223", "$ref": "https://example.com/v2/Users/2819c223", "display": "Babs Jensen" },
                { "value": "902c246b", "$ref": "https://example.com/v2/Users/902c246b", "display": "Mandy Pepperidge" }
              ]
            }
            """);

        AssertProjection(group, "displayName", null,
            "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'id':'e9e30dba','displayName':'Tour Guides'}");
        AssertProjection(group, null, "members",
            "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'id':'e9e30dba','displayName':'Tour Guides'}");
        AssertProjection(group, "members.value", null,
            "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'id':'e9e30dba','members':[{'value':'2819c223'},{'value':'902c246b'}]}");
    }

    [Fact]
    public void Apply_AnyLists_DoesNotMutateTheInputOrShareNodes()
    {
        var user = User();
        var before = user.Json.ToJsonString();

        foreach (var (attributes, excluded) in new (string?, string?)[]
        {
            (null, null), ("name.givenName,emails.value", null), (EnterpriseUrn, null), (null, "emails.type," + EnterpriseUrn + ":manager"),
        })
        {
            var projected = AttributeProjection.Apply(user, Registry, AttributeProjection.ParseList(attributes), AttributeProjection.ParseList(excluded));
            projected["injected"] = "x";
            foreach (var node in Descendants(projected).ToList())
            {
                switch (node)
                {
                    case JsonObject o:
                        o["injected"] = "x";
                        break;
                    case JsonArray a:
                        a.Add((JsonNode)"x");
                        break;
                }
            }
        }

        Assert.Equal(before, user.Json.ToJsonString());
    }

    [Fact]
    public void Apply_Result_IsANewObject()
    {
        var user = User();

        var projected = AttributeProjection.Apply(user, Registry, null, null);

        Assert.NotSame(user.Json, projected);
        Assert.Null(projected.Parent);
        Assert.DoesNotContain(Descendants(projected), node => Descendants(user.Json).Contains(node));
    }

    public static TheoryData<string?, string?, string> WidgetProjections => new()
    {
        { null, null, "{'schemas':['{W}','{T}'],'id':'w1','label':'Blue','serial':'SN-1','detail':{'summary':'sum','key':'k'},'{T}':{'tracker':'gps','trackingId':'T-9'}}" },
        { "label", null, "{'schemas':['{W}','{T}'],'id':'w1','label':'Blue','serial':'SN-1','detail':{'key':'k'},'{T}':{'trackingId':'T-9'}}" },
        { "notes", null, "{'schemas':['{W}','{T}'],'id':'w1','serial':'SN-1','notes':'n','detail':{'key':'k'},'{T}':{'trackingId':'T-9'}}" },
        { "detail", null, "{'schemas':['{W}','{T}'],'id':'w1','serial':'SN-1','detail':{'summary':'sum','audit':'a','key':'k'},'{T}':{'trackingId':'T-9'}}" },
        { "detail.audit", null, "{'schemas':['{W}','{T}'],'id':'w1','serial':'SN-1','detail':{'audit':'a','key':'k'},'{T}':{'trackingId':'T-9'}}" },
        { "secret,token,detail.hidden", null, "{'schemas':['{W}','{T}'],'id':'w1','serial':'SN-1','detail':{'key':'k'},'{T}':{'trackingId':'T-9'}}" },
        { "{T}", null, "{'schemas':['{W}','{T}'],'id':'w1','serial':'SN-1','detail':{'key':'k'},'{T}':{'tracker':'gps','trackingId':'T-9','internal':'i'}}" },
        { "internal", null, "{'schemas':['{W}','{T}'],'id':'w1','serial':'SN-1','detail':{'key':'k'},'{T}':{'trackingId':'T-9','internal':'i'}}" },
        { null, "serial,label", "{'schemas':['{W}','{T}'],'id':'w1','serial':'SN-1','detail':{'summary':'sum','key':'k'},'{T}':{'tracker':'gps','trackingId':'T-9'}}" },
        { null, "notes", "{'schemas':['{W}','{T}'],'id':'w1','label':'Blue','serial':'SN-1','detail':{'summary':'sum','key':'k'},'{T}':{'tracker':'gps','trackingId':'T-9'}}" },
        { null, "detail", "{'schemas':['{W}','{T}'],'id':'w1','label':'Blue','serial':'SN-1','detail':{'key':'k'},'{T}':{'tracker':'gps','trackingId':'T-9'}}" },
        { null, "detail.key,detail.summary", "{'schemas':['{W}','{T}'],'id':'w1','label':'Blue','serial':'SN-1','detail':{'key':'k'},'{T}':{'tracker':'gps','trackingId':'T-9'}}" },
        { null, "{T}", "{'schemas':['{W}','{T}'],'id':'w1','label':'Blue','serial':'SN-1','detail':{'summary':'sum','key':'k'},'{T}':{'trackingId':'T-9'}}" },
        { null, "tracker,trackingId", "{'schemas':['{W}','{T}'],'id':'w1','label':'Blue','serial':'SN-1','detail':{'summary':'sum','key':'k'},'{T}':{'trackingId':'T-9'}}" },
        { "unknownProperty", null, "{'schemas':['{W}','{T}'],'id':'w1','serial':'SN-1','detail':{'key':'k'},'{T}':{'trackingId':'T-9'}}" },
    };

    [Theory]
    [MemberData(nameof(WidgetProjections))]
    public void Apply_ReturnedCharacteristics_FollowRfc7643Section7(string? attributes, string? excluded, string expected)
    {
        var (registry, widget) = Widget(tracking: """{ "tracker": "gps", "trackingId": "T-9", "internal": "i" }""");

        AssertProjection(widget, Expand(attributes), Expand(excluded), expected, registry);
    }

    public static TheoryData<string?, string?, string> WidgetSchemasLists => new()
    {
        { "label", null, "{'schemas':['{W}'],'id':'w1','label':'Blue','serial':'SN-1','detail':{'key':'k'}}" },
        { null, "{T}", "{'schemas':['{W}'],'id':'w1','label':'Blue','serial':'SN-1','detail':{'summary':'sum','key':'k'}}" },
        { null, "tracker", "{'schemas':['{W}'],'id':'w1','label':'Blue','serial':'SN-1','detail':{'summary':'sum','key':'k'}}" },
        { "tracker", null, "{'schemas':['{W}','{T}'],'id':'w1','serial':'SN-1','detail':{'key':'k'},'{T}':{'tracker':'gps'}}" },
        { "internal", null, "{'schemas':['{W}'],'id':'w1','serial':'SN-1','detail':{'key':'k'}}" },
    };

    [Theory]
    [MemberData(nameof(WidgetSchemasLists))]
    public void Apply_ExtensionProjectedAway_IsDroppedFromSchemas(string? attributes, string? excluded, string expected)
    {
        var (registry, widget) = Widget(tracking: """{ "tracker": "gps" }""");

        AssertProjection(widget, Expand(attributes), Expand(excluded), expected, registry);
    }

    [Fact]
    public void Apply_UnknownPropertyOfTheResource_IsReturnedByDefault()
    {
        var (registry, widget) = Widget(tracking: """{ "tracker": "gps" }""");
        widget.Json["unknownProperty"] = "u";

        AssertProjection(widget, null, null,
            "{'schemas':['{W}','{T}'],'id':'w1','label':'Blue','serial':'SN-1','detail':{'summary':'sum','key':'k'},'{T}':{'tracker':'gps'},'unknownProperty':'u'}", registry);
        AssertProjection(widget, null, "label", "{'schemas':['{W}','{T}'],'id':'w1','serial':'SN-1','detail':{'summary':'sum','key':'k'},'{T}':{'tracker':'gps'},'unknownProperty':'u'}", registry);
        AssertProjection(widget, "label", null, "{'schemas':['{W}'],'id':'w1','label':'Blue','serial':'SN-1','detail':{'key':'k'}}", registry);
    }

    [Fact]
    public void Apply_PathWithValueFilter_ThrowsInvalidValue()
    {
        var exception = Assert.Throws<ScimException>(() =>
            AttributeProjection.Apply(User(), Registry, [AttributePath.Parse("emails[type eq \"work\"].value")], null));

        Assert.Equal(400, exception.Status);
        Assert.Equal(ScimErrorType.InvalidValue, exception.ScimType);
    }

    public static TheoryData<string?, AttributePath[]> ValidLists => new()
    {
        { null, [] },
        { "", [] },
        { "  ", [] },
        { "userName", [new AttributePath("userName")] },
        {
            "userName, emails.value ,urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
            [new AttributePath("userName"), new AttributePath(null, "emails", null, "value"), new AttributePath(EnterpriseUrn, "manager")]
        },
        { "userName,,displayName,", [new AttributePath("userName"), new AttributePath("displayName")] },
        { EnterpriseUrn, [new AttributePath("urn:ietf:params:scim:schemas:extension:enterprise:2.0", "User")] },
        { UserUrn + ":name.givenName", [new AttributePath(UserUrn, "name", null, "givenName")] },
    };

    [Theory]
    [MemberData(nameof(ValidLists))]
    public void ParseList_ValidList_ReturnsThePathsInOrder(string? text, AttributePath[] expected) =>
        Assert.Equal(expected, AttributeProjection.ParseList(text));

    [Theory]
    [InlineData("user name")]
    [InlineData("userName,9lives")]
    [InlineData("name.givenName.x")]
    [InlineData("emails[type eq \"work\"]")]
    [InlineData("emails[type eq \"work\"].value")]
    [InlineData("urn:")]
    [InlineData("userName,emails.")]
    public void ParseList_InvalidEntry_ThrowsInvalidValueNamingIt(string text)
    {
        var exception = Assert.Throws<ScimException>(() => AttributeProjection.ParseList(text));

        Assert.Equal(400, exception.Status);
        Assert.Equal(ScimErrorType.InvalidValue, exception.ScimType);
        Assert.Contains("attribute list", exception.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string?, string?> MetaLists => new()
    {
        { null, null },
        { "meta", null },
        { "meta.version", null },
        { "meta.location,meta.created", null },
        { "userName", null },
        { UserUrn, null },
        { null, "meta" },
        { null, "meta.location" },
        { null, "userName,meta.resourceType" },
    };

    [Theory]
    [MemberData(nameof(MetaLists))]
    public void Write_StoredResource_ProjectsMetaAsItsJsonFormDoes(string? attributes, string? excluded)
    {
        var meta = new ScimMeta("User", new DateTimeOffset(2010, 1, 23, 4, 56, 22, TimeSpan.Zero), new DateTimeOffset(2011, 5, 13, 4, 42, 34, 500, TimeSpan.Zero),
            "https://example.com/v2/Users/2819c223", "W/\"3\"");
        var fromStored = AssertStoredProjectsAsItsJson("""{"userName":"bjensen","schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"active":true}""", meta, attributes, excluded);

        Assert.Equal("2819c223", (string?)fromStored["id"]);
    }

    public static TheoryData<string?, string?> NameLists => new()
    {
        { null, null },
        { "userName,emails.value", null },
        { null, "displayName,emails.type" },
    };

    [Theory]
    [MemberData(nameof(NameLists))]
    public void Write_StoredResource_NamesEscapedOrNotAsciiMatchAsInItsJsonForm(string? attributes, string? excluded)
    {
        // "user\u004Eame" is userName written with an escape; "n\u00e4me" and "nöme" are names no schema has.
        const string body = """{"user\u004Eame":"bjensen","DISPLAYNAME":"B","n\u00e4me":"x","nöme":"y","emails":[{"v\u0061lue":"a@b.c","type":"work"}]}""";
        var meta = new ScimMeta("User", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, "W/\"1\"");

        var fromStored = AssertStoredProjectsAsItsJson(body, meta, attributes, excluded);

        Assert.Equal("bjensen", (string?)fromStored["userName"]);
    }

    /// <summary>Projects a stored user and the same user as a JSON object, asserts the two are alike, and returns the first.</summary>
    private static JsonObject AssertStoredProjectsAsItsJson(string body, ScimMeta meta, string? attributes, string? excluded)
    {
        var type = Registry.FindResourceType("User")!;
        var stored = ScimResource.FromStored(type, "2819c223", body, meta);
        var asJson = new ScimResource(type, ScimResource.FromStored(type, "2819c223", body, meta).Json);

        var fromStored = AttributeProjection.Apply(stored, Registry, AttributeProjection.ParseList(attributes), AttributeProjection.ParseList(excluded));
        var fromJson = AttributeProjection.Apply(asJson, Registry, AttributeProjection.ParseList(attributes), AttributeProjection.ParseList(excluded));

        Assert.Equal(fromJson.ToJsonString(), fromStored.ToJsonString());
        return fromStored;
    }

    private static JsonObject AssertProjection(ScimResource resource, string? attributes, string? excluded, string expected, SchemaRegistry? registry = null)
    {
        var projected = AttributeProjection.Apply(resource, registry ?? Registry, AttributeProjection.ParseList(attributes), AttributeProjection.ParseList(excluded));

        var wanted = JsonNode.Parse(Expand(expected)!.Replace('\'', '"'));
        Assert.True(
            JsonNode.DeepEquals(wanted, projected),
            $"attributes={attributes} excludedAttributes={excluded}\nexpected {wanted!.ToJsonString()}\nactual   {projected.ToJsonString()}");
        Assert.Equal(
            string.Join(",", wanted!.AsObject().Select(p => p.Key)),
            string.Join(",", projected.Select(p => p.Key)));
        if (AsStored(resource) is { } stored)
        {
            // The same resource as a store keeps it (text, id and meta apart) projects to the same JSON, in the same order.
            var fromStored = AttributeProjection.Apply(stored, registry ?? Registry, AttributeProjection.ParseList(attributes), AttributeProjection.ParseList(excluded));
            Assert.Equal(projected.ToJsonString(), fromStored.ToJsonString());
            Assert.NotNull(stored.Meta);
        }

        return projected;
    }

    /// <summary>
    /// The resource in its stored form, if it has the shape a store gives a resource it composes (<c>schemas</c>, then
    /// <c>id</c>, then the body, <c>meta</c> last); otherwise <see langword="null"/>.
    /// </summary>
    private static ScimResource? AsStored(ScimResource resource)
    {
        var json = resource.Json;
        var keys = json.Select(p => p.Key).ToList();
        if (resource.Id is not { } id || resource.Meta is not { } meta || keys.IndexOf("id") != (keys.IndexOf("schemas") + 1) || keys[^1] != "meta")
        {
            return null;
        }

        var body = (JsonObject)json.DeepClone();
        body.Remove("id");
        body.Remove("meta");
        return ScimResource.FromStored(resource.ResourceType, id, body.ToJsonString(), meta);
    }

    private static string? Expand(string? text) => text?
        .Replace("{U}", UserUrn, StringComparison.Ordinal)
        .Replace("{E}", EnterpriseUrn, StringComparison.Ordinal)
        .Replace("{W}", WidgetUrn, StringComparison.Ordinal)
        .Replace("{T}", TrackingUrn, StringComparison.Ordinal);

    private static ScimResource User() => Resource(Registry, "User", UserJson);

    private static ScimResource Resource(SchemaRegistry registry, string type, string json) =>
        new(registry.FindResourceType(type)!, JsonNode.Parse(json)!.AsObject());

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            yield return child;
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    private const string WidgetUrn = "urn:test:schemas:core:1.0:Widget";
    private const string TrackingUrn = "urn:test:schemas:extension:tracking:1.0:Widget";

    /// <summary>A resource type with every <c>returned</c> characteristic, and an extension with some of them.</summary>
    private static (SchemaRegistry Registry, ScimResource Widget) Widget(string tracking)
    {
        var registry = new SchemaRegistry()
            .AddSchema(new ScimSchema(WidgetUrn, "Widget", [
                new SchemaAttribute("label"),
                new SchemaAttribute("secret") { Returned = Returned.Never },
                new SchemaAttribute("token") { Mutability = Mutability.WriteOnly },
                new SchemaAttribute("serial") { Returned = Returned.Always },
                new SchemaAttribute("notes") { Returned = Returned.Request },
                new SchemaAttribute("detail", AttributeType.Complex)
                {
                    SubAttributes = [
                        new SchemaAttribute("summary"),
                        new SchemaAttribute("audit") { Returned = Returned.Request },
                        new SchemaAttribute("key") { Returned = Returned.Always },
                        new SchemaAttribute("hidden") { Returned = Returned.Never },
                    ],
                },
            ]))
            .AddSchema(new ScimSchema(TrackingUrn, "Tracking", [
                new SchemaAttribute("tracker"),
                new SchemaAttribute("trackingId") { Returned = Returned.Always },
                new SchemaAttribute("internal") { Returned = Returned.Request },
            ]))
            .AddResourceType(new ResourceType("Widget", "/Widgets", WidgetUrn, [new SchemaExtension(TrackingUrn, Required: false)]));
        var widget = Resource(registry, "Widget", $$"""
            {
              "schemas": [ "{{WidgetUrn}}", "{{TrackingUrn}}" ],
              "id": "w1",
              "label": "Blue",
              "secret": "s",
              "token": "t",
              "serial": "SN-1",
              "notes": "n",
              "detail": { "summary": "sum", "audit": "a", "key": "k", "hidden": "h" },
              "{{TrackingUrn}}": {{tracking}}
            }
            """);
        return (registry, widget);
    }
}
