using System.Security.Claims;
using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Filtering;
using Scim.Core.Paths;
using Scim.Core.Resources;
using Scim.Core.Schema;
using Scim.Core.Stores;

namespace Scim.Core.Tests.Stores;

public class InMemoryResourceStoreTests
{
    private const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private const string DeviceUrn = "urn:test:schemas:core:1.0:Device";
    private const string DeviceExtensionUrn = "urn:test:schemas:extension:1.0:Device";

    private static readonly SchemaRegistry Registry = SchemaRegistry.CreateDefault();
    private static readonly SchemaValidator Validator = new(Registry);
    private static readonly ResourceType User = Registry.FindResourceType("User")!;
    private static readonly ResourceType Group = Registry.FindResourceType("Group")!;
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>A custom type: <c>serial</c> unique and caseExact, <c>aliases</c> multi-valued unique, <c>number</c> a unique integer, <c>badge</c> a unique extension attribute.</summary>
    private static readonly SchemaRegistry DeviceRegistry = new SchemaRegistry()
        .AddSchema(new ScimSchema(DeviceUrn, "Device", [
            new SchemaAttribute("serial") { CaseExact = true, Uniqueness = Uniqueness.Server },
            new SchemaAttribute("aliases") { MultiValued = true, Uniqueness = Uniqueness.Server },
            new SchemaAttribute("number", AttributeType.Integer) { Uniqueness = Uniqueness.Global },
            new SchemaAttribute("label"),
        ]))
        .AddSchema(new ScimSchema(DeviceExtensionUrn, "DeviceExtension", [new SchemaAttribute("badge") { Uniqueness = Uniqueness.Server }]))
        .AddResourceType(new ResourceType("Device", "/Devices", DeviceUrn, [new SchemaExtension(DeviceExtensionUrn, Required: false)]));

    private static readonly ResourceType Device = DeviceRegistry.FindResourceType("Device")!;

    private readonly ManualTime _time = new(T0);
    private readonly InMemoryResourceStore _store;

    public InMemoryResourceStoreTests()
    {
        _store = new InMemoryResourceStore(Registry, _time);
    }

    // ---- Create, get, ids, versions, meta ----

    [Fact]
    public async Task CreateAsync_NewUser_AssignsGuidIdAndMetaAtVersion1()
    {
        var created = await _store.CreateAsync(NewUser("bjensen"), StoreContext.Anonymous);

        Assert.True(Guid.TryParse(created.Id, out _));
        Assert.Equal(new ScimMeta("User", T0, T0, null, "W/\"1\""), created.Meta);
        Assert.Equal("W/\"1\"", created.Version);
        Assert.Equal("bjensen", created.Json["userName"]!.GetValue<string>());
        Assert.Equal(["schemas", "id", "userName", "meta"], created.Json.Select(p => p.Key));
    }

    [Fact]
    public async Task CreateAsync_InputWithIdAndMeta_IgnoresThemAndLeavesInputUnchanged()
    {
        var input = NewUser("bjensen");
        input.Id = "chosen-by-client";
        input.Meta = new ScimMeta("Group", T0.AddYears(-1), T0.AddYears(-1), "https://example.com/Users/x", "W/\"9\"");
        var before = input.ToString();

        var created = await _store.CreateAsync(input, StoreContext.Anonymous);

        Assert.NotEqual("chosen-by-client", created.Id);
        Assert.Equal(new ScimMeta("User", T0, T0, null, "W/\"1\""), created.Meta);
        Assert.Equal(before, input.ToString());
        Assert.Null(await _store.GetAsync(User, "chosen-by-client", StoreContext.Anonymous));
    }

    [Fact]
    public async Task CreateAsync_ManyUsers_GetDistinctIds()
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < 50; i++)
        {
            ids.Add((await _store.CreateAsync(NewUser($"user{i}"), StoreContext.Anonymous)).Id!);
        }

        Assert.Equal(50, ids.Count);
    }

    [Fact]
    public async Task GetAsync_CreatedId_ReturnsTheStoredResource()
    {
        var created = await _store.CreateAsync(NewUser("bjensen", """ "externalId": "701984", "active": true """), StoreContext.Anonymous);

        var read = await _store.GetAsync(User, created.Id!, StoreContext.Anonymous);

        Assert.NotNull(read);
        Assert.Equal(created.ToString(), read.ToString());
        Assert.Equal("701984", read.ExternalId);
    }

    [Fact]
    public async Task GetAsync_UnknownIdOrOtherType_ReturnsNull()
    {
        var created = await _store.CreateAsync(NewUser("bjensen"), StoreContext.Anonymous);

        Assert.Null(await _store.GetAsync(User, Guid.NewGuid().ToString(), StoreContext.Anonymous));
        Assert.Null(await _store.GetAsync(Group, created.Id!, StoreContext.Anonymous));
        Assert.Null(await _store.GetAsync(User, created.Id!.ToUpperInvariant(), StoreContext.Anonymous));
    }

    [Fact]
    public async Task GetAsync_UnregisteredType_ThrowsArgumentException()
    {
        var unknown = new ResourceType("Printer", "/Printers", "urn:test:Printer");

        await Assert.ThrowsAsync<ArgumentException>(async () => await _store.GetAsync(unknown, "1", StoreContext.Anonymous));
    }

    // ---- Deep copies ----

    [Fact]
    public async Task CreateAsync_InputOrResultChangedAfterwards_StoredResourceUnchanged()
    {
        var input = NewUser("bjensen");
        var created = await _store.CreateAsync(input, StoreContext.Anonymous);
        var stored = created.ToString();

        input.Json["userName"] = "changed-input";
        created.Json["userName"] = "changed-result";
        created.Meta = null;

        Assert.Equal(stored, (await _store.GetAsync(User, created.Id!, StoreContext.Anonymous))!.ToString());
    }

    [Fact]
    public async Task GetAsync_ResultChanged_StoredResourceUnchanged()
    {
        var created = await _store.CreateAsync(NewUser("bjensen", """ "emails": [ { "value": "b@example.com" } ] """), StoreContext.Anonymous);

        var read = (await _store.GetAsync(User, created.Id!, StoreContext.Anonymous))!;
        read.Json["emails"]![0]!["value"] = "changed@example.com";

        Assert.Equal(created.ToString(), (await _store.GetAsync(User, created.Id!, StoreContext.Anonymous))!.ToString());
    }

    [Fact]
    public async Task ReplaceAndQuery_InputOrResultsChanged_StoredResourceUnchanged()
    {
        var created = await _store.CreateAsync(NewUser("bjensen"), StoreContext.Anonymous);
        var input = created.Clone();
        input.Json["displayName"] = "Babs";
        var replaced = await _store.ReplaceAsync(input, null, StoreContext.Anonymous);
        var stored = replaced.ToString();

        input.Json["displayName"] = "changed-input";
        replaced.Json["displayName"] = "changed-result";
        (await _store.QueryAsync(User, ListQuery.All, StoreContext.Anonymous)).Resources[0].Json["displayName"] = "changed-query";

        Assert.Equal(stored, (await _store.GetAsync(User, created.Id!, StoreContext.Anonymous))!.ToString());
    }

    // ---- Replace ----

    [Fact]
    public async Task ReplaceAsync_KnownId_KeepsIdAndCreatedAndMovesVersionAndLastModified()
    {
        var created = await _store.CreateAsync(NewUser("bjensen"), StoreContext.Anonymous);
        var changed = created.Clone();
        changed.Json["displayName"] = "Babs Jensen";

        _time.Now = T0.AddMinutes(5);
        var first = await _store.ReplaceAsync(changed, created.Version, StoreContext.Anonymous);
        _time.Now = T0.AddMinutes(9);
        var second = await _store.ReplaceAsync(first, first.Version, StoreContext.Anonymous);

        Assert.Equal(created.Id, first.Id);
        Assert.Equal(new ScimMeta("User", T0, T0.AddMinutes(5), null, "W/\"2\""), first.Meta);
        Assert.Equal("Babs Jensen", first.Json["displayName"]!.GetValue<string>());
        Assert.Equal(new ScimMeta("User", T0, T0.AddMinutes(9), null, "W/\"3\""), second.Meta);
        Assert.Equal(second.ToString(), (await _store.GetAsync(User, created.Id!, StoreContext.Anonymous))!.ToString());
    }

    [Fact]
    public async Task ReplaceAsync_NothingChanged_StillMovesVersion()
    {
        var created = await _store.CreateAsync(NewUser("bjensen"), StoreContext.Anonymous);

        var replaced = await _store.ReplaceAsync(created, created.Version, StoreContext.Anonymous);

        Assert.Equal("W/\"2\"", replaced.Version);
    }

    [Fact]
    public async Task ReplaceAsync_AttributeLeftOut_IsRemoved()
    {
        var created = await _store.CreateAsync(NewUser("bjensen", """ "title": "Tour Guide" """), StoreContext.Anonymous);
        var changed = created.Clone();
        changed.Json.Remove("title");

        var replaced = await _store.ReplaceAsync(changed, null, StoreContext.Anonymous);

        Assert.Null(replaced.Json["title"]);
    }

    [Theory]
    [InlineData("W/\"1\"")]
    [InlineData("\"1\"")]
    [InlineData(" W/\"1\" ")]
    [InlineData("*")]
    public async Task ReplaceAsync_ExpectedVersionMatches_Replaces(string expected)
    {
        var created = await _store.CreateAsync(NewUser("bjensen"), StoreContext.Anonymous);

        var replaced = await _store.ReplaceAsync(created, expected, StoreContext.Anonymous);

        Assert.Equal("W/\"2\"", replaced.Version);
    }

    [Theory]
    [InlineData("W/\"2\"")]
    [InlineData("W/\"01\"")]
    [InlineData("1")]
    [InlineData("W/\"1")]
    [InlineData("")]
    public async Task ReplaceAsync_ExpectedVersionDiffers_Throws412WithoutScimTypeAndKeepsResource(string expected)
    {
        var created = await _store.CreateAsync(NewUser("bjensen"), StoreContext.Anonymous);
        var changed = created.Clone();
        changed.Json["displayName"] = "Babs";

        var error = await Assert.ThrowsAsync<ScimException>(() => _store.ReplaceAsync(changed, expected, StoreContext.Anonymous));

        Assert.Equal(412, error.Status);
        Assert.Null(error.ScimType);
        Assert.Equal(created.ToString(), (await _store.GetAsync(User, created.Id!, StoreContext.Anonymous))!.ToString());
    }

    [Fact]
    public async Task ReplaceAsync_StaleVersionAfterAnotherReplace_Throws412()
    {
        var created = await _store.CreateAsync(NewUser("bjensen"), StoreContext.Anonymous);
        await _store.ReplaceAsync(created, created.Version, StoreContext.Anonymous);

        var error = await Assert.ThrowsAsync<ScimException>(() => _store.ReplaceAsync(created, created.Version, StoreContext.Anonymous));

        Assert.Equal(412, error.Status);
    }

    [Fact]
    public async Task ReplaceAsync_UnknownId_Throws404()
    {
        var user = NewUser("bjensen");
        user.Id = "missing";

        var error = await Assert.ThrowsAsync<ScimException>(() => _store.ReplaceAsync(user, null, StoreContext.Anonymous));

        Assert.Equal(404, error.Status);
        Assert.Null(error.ScimType);
        Assert.Equal("Resource missing not found", error.Detail);
    }

    [Fact]
    public async Task ReplaceAsync_NoId_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.ReplaceAsync(NewUser("bjensen"), null, StoreContext.Anonymous));
    }

    // ---- Delete ----

    [Fact]
    public async Task DeleteAsync_KnownId_RemovesIt()
    {
        var created = await _store.CreateAsync(NewUser("bjensen"), StoreContext.Anonymous);

        await _store.DeleteAsync(User, created.Id!, created.Version, StoreContext.Anonymous);

        Assert.Null(await _store.GetAsync(User, created.Id!, StoreContext.Anonymous));
        Assert.Equal(0, (await _store.QueryAsync(User, ListQuery.All, StoreContext.Anonymous)).TotalResults);
        var again = await Assert.ThrowsAsync<ScimException>(() => _store.DeleteAsync(User, created.Id!, null, StoreContext.Anonymous));
        Assert.Equal(404, again.Status);
    }

    [Fact]
    public async Task DeleteAsync_UnknownId_Throws404()
    {
        var error = await Assert.ThrowsAsync<ScimException>(() => _store.DeleteAsync(User, "missing", null, StoreContext.Anonymous));

        Assert.Equal(404, error.Status);
        Assert.Null(error.ScimType);
        Assert.Equal("Resource missing not found", error.Detail);
    }

    [Fact]
    public async Task DeleteAsync_StaleVersion_Throws412AndKeepsResource()
    {
        var created = await _store.CreateAsync(NewUser("bjensen"), StoreContext.Anonymous);
        await _store.ReplaceAsync(created, null, StoreContext.Anonymous);

        var error = await Assert.ThrowsAsync<ScimException>(() => _store.DeleteAsync(User, created.Id!, "W/\"1\"", StoreContext.Anonymous));

        Assert.Equal(412, error.Status);
        Assert.Null(error.ScimType);
        Assert.NotNull(await _store.GetAsync(User, created.Id!, StoreContext.Anonymous));
    }

    // ---- Uniqueness ----

    [Theory]
    [InlineData("bjensen")]
    [InlineData("BJensen")]
    [InlineData("BJENSEN")]
    public async Task CreateAsync_UserNameTakenIgnoringCase_Throws409Uniqueness(string userName)
    {
        await _store.CreateAsync(NewUser("bjensen"), StoreContext.Anonymous);

        var error = await Assert.ThrowsAsync<ScimException>(() => _store.CreateAsync(NewUser(userName), StoreContext.Anonymous));

        Assert.Equal(409, error.Status);
        Assert.Equal(ScimErrorType.Uniqueness, error.ScimType);
        Assert.Contains("userName", error.Detail, StringComparison.Ordinal);
        Assert.Contains(userName, error.Detail, StringComparison.Ordinal);
        Assert.Equal(1, (await _store.QueryAsync(User, ListQuery.All, StoreContext.Anonymous)).TotalResults);
    }

    [Fact]
    public async Task ReplaceAsync_UserNameTakenByAnother_Throws409AndKeepsBoth()
    {
        await _store.CreateAsync(NewUser("bjensen"), StoreContext.Anonymous);
        var other = await _store.CreateAsync(NewUser("jsmith"), StoreContext.Anonymous);
        var changed = other.Clone();
        changed.Json["userName"] = "BJensen";

        var error = await Assert.ThrowsAsync<ScimException>(() => _store.ReplaceAsync(changed, null, StoreContext.Anonymous));

        Assert.Equal(409, error.Status);
        Assert.Equal(ScimErrorType.Uniqueness, error.ScimType);
        Assert.Equal(other.ToString(), (await _store.GetAsync(User, other.Id!, StoreContext.Anonymous))!.ToString());
        Assert.Equal(["bjensen", "jsmith"], UserNames(await _store.QueryAsync(User, ListQuery.All, StoreContext.Anonymous)));
    }

    [Fact]
    public async Task ReplaceAsync_OwnUserNameInOtherCase_Succeeds()
    {
        var created = await _store.CreateAsync(NewUser("bjensen"), StoreContext.Anonymous);
        var changed = created.Clone();
        changed.Json["userName"] = "BJensen";

        var replaced = await _store.ReplaceAsync(changed, null, StoreContext.Anonymous);

        Assert.Equal("BJensen", replaced.Json["userName"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReplaceAsync_UserNameChanged_FreesTheOldOne()
    {
        var created = await _store.CreateAsync(NewUser("bjensen"), StoreContext.Anonymous);
        var changed = created.Clone();
        changed.Json["userName"] = "babs";
        await _store.ReplaceAsync(changed, null, StoreContext.Anonymous);

        await _store.CreateAsync(NewUser("bjensen"), StoreContext.Anonymous);
        var error = await Assert.ThrowsAsync<ScimException>(() => _store.CreateAsync(NewUser("Babs"), StoreContext.Anonymous));

        Assert.Equal(409, error.Status);
    }

    [Fact]
    public async Task DeleteAsync_UserName_FreesIt()
    {
        var created = await _store.CreateAsync(NewUser("bjensen"), StoreContext.Anonymous);
        await _store.DeleteAsync(User, created.Id!, null, StoreContext.Anonymous);

        var again = await _store.CreateAsync(NewUser("BJENSEN"), StoreContext.Anonymous);

        Assert.NotEqual(created.Id, again.Id);
    }

    [Fact]
    public async Task CreateAsync_SameGroupDisplayName_IsAllowed()
    {
        await _store.CreateAsync(NewGroup("Tour Guides"), StoreContext.Anonymous);
        await _store.CreateAsync(NewGroup("Tour Guides"), StoreContext.Anonymous);

        Assert.Equal(2, (await _store.QueryAsync(Group, ListQuery.All, StoreContext.Anonymous)).TotalResults);
    }

    [Fact]
    public async Task CreateAsync_CaseExactUniqueAttribute_ComparesCaseSensitively()
    {
        var store = new InMemoryResourceStore(DeviceRegistry);
        await store.CreateAsync(NewDevice(""" "serial": "ABC-1" """), StoreContext.Anonymous);
        await store.CreateAsync(NewDevice(""" "serial": "abc-1" """), StoreContext.Anonymous);

        var error = await Assert.ThrowsAsync<ScimException>(() => store.CreateAsync(NewDevice(""" "serial": "ABC-1" """), StoreContext.Anonymous));

        Assert.Equal(409, error.Status);
        Assert.Equal(ScimErrorType.Uniqueness, error.ScimType);
        Assert.Equal("serial \"ABC-1\" is already in use.", error.Detail);
    }

    public static TheoryData<string, string, string> DeviceConflicts => new()
    {
        { """ "aliases": [ "printer", "p1" ] """, """ "aliases": [ "P1" ] """, "aliases \"P1\"" },
        { """ "number": 7 """, """ "number": 7 """, "number 7" },
        { $$""" "{{DeviceExtensionUrn}}": { "badge": "b-1" } """, $$""" "{{DeviceExtensionUrn}}": { "badge": "B-1" } """, $"{DeviceExtensionUrn}:badge \"B-1\"" },
    };

    [Theory]
    [MemberData(nameof(DeviceConflicts))]
    public async Task CreateAsync_MultiValuedNumericOrExtensionUniqueValueTaken_Throws409(string first, string second, string detail)
    {
        var store = new InMemoryResourceStore(DeviceRegistry);
        await store.CreateAsync(NewDevice(first), StoreContext.Anonymous);

        var error = await Assert.ThrowsAsync<ScimException>(() => store.CreateAsync(NewDevice(second), StoreContext.Anonymous));

        Assert.Equal(409, error.Status);
        Assert.StartsWith(detail, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_UniqueAttributesAbsentOrEmpty_AreNoConflict()
    {
        var store = new InMemoryResourceStore(DeviceRegistry);
        await store.CreateAsync(NewDevice(""" "label": "a" """), StoreContext.Anonymous);
        await store.CreateAsync(NewDevice(""" "label": "b" """), StoreContext.Anonymous);
        await store.CreateAsync(NewDevice(""" "serial": "" """), StoreContext.Anonymous);
        await store.CreateAsync(NewDevice(""" "serial": "" """), StoreContext.Anonymous);

        Assert.Equal(4, (await store.QueryAsync(Device, ListQuery.All, StoreContext.Anonymous)).TotalResults);
    }

    [Fact]
    public async Task CreateAsync_SameValueTwiceInOneResource_IsNoConflict()
    {
        var store = new InMemoryResourceStore(DeviceRegistry);

        var created = await store.CreateAsync(NewDevice(""" "aliases": [ "p1", "P1" ] """), StoreContext.Anonymous);
        await store.ReplaceAsync(created, null, StoreContext.Anonymous);
        await store.DeleteAsync(Device, created.Id!, null, StoreContext.Anonymous);

        await store.CreateAsync(NewDevice(""" "aliases": [ "p1" ] """), StoreContext.Anonymous);
    }

    // ---- Tenants ----

    [Fact]
    public async Task Tenants_SameUserName_AreIsolated()
    {
        var store = new InMemoryResourceStore(Registry, tenantKey: c => c.Principal.FindFirst("tenant")?.Value ?? "");
        var a = Tenant("a");
        var b = Tenant("b");

        var inA = await store.CreateAsync(NewUser("bjensen"), a);
        var inB = await store.CreateAsync(NewUser("bjensen"), b);
        await store.CreateAsync(NewUser("jsmith"), b);

        Assert.Null(await store.GetAsync(User, inA.Id!, b));
        Assert.NotNull(await store.GetAsync(User, inA.Id!, a));
        Assert.Equal(["bjensen"], UserNames(await store.QueryAsync(User, ListQuery.All, a)));
        Assert.Equal(["bjensen", "jsmith"], UserNames(await store.QueryAsync(User, ListQuery.All, b)));
        Assert.Equal(0, (await store.QueryAsync(User, ListQuery.All, Tenant("c"))).TotalResults);
        Assert.Equal(0, (await store.QueryAsync(User, Query($"id eq \"{inA.Id}\""), b)).TotalResults);
        Assert.Equal(404, (await Assert.ThrowsAsync<ScimException>(() => store.DeleteAsync(User, inA.Id!, null, b))).Status);
        Assert.Equal(404, (await Assert.ThrowsAsync<ScimException>(() => store.ReplaceAsync(inA, null, b))).Status);
        Assert.Equal(409, (await Assert.ThrowsAsync<ScimException>(() => store.CreateAsync(NewUser("BJENSEN"), b))).Status);

        await store.DeleteAsync(User, inB.Id!, null, b);
        Assert.NotNull(await store.GetAsync(User, inA.Id!, a));
    }

    // ---- Queries: filters ----

    public static TheoryData<string, string[]> Filters => new()
    {
        { "userName eq \"BJENSEN\"", ["bjensen"] },
        { "name.familyName eq \"jensen\"", ["bjensen", "ajensen"] },
        { "name.familyName sw \"J\"", ["bjensen", "mjones", "ajensen"] },
        { "emails[type eq \"work\" and value co \"@example.com\"]", ["bjensen", "mjones"] },
        { "emails co \"example.org\"", ["jsmith"] },
        { "employeeNumber eq \"701984\"", ["bjensen"] },
        { $"{EnterpriseUrn}:employeeNumber pr", ["bjensen", "mjones"] },
        { "active eq false", ["jsmith"] },
        { "title pr", ["bjensen"] },
        { "not (emails pr)", ["ajensen"] },
        { "userName eq \"bjensen\" or userName eq \"jsmith\"", ["bjensen", "jsmith"] },
        { "userName eq \"bjensen\" and active eq false", [] },
        { "userName eq \"jsmith\" and active eq false", ["jsmith"] },
        { "meta.resourceType eq \"User\"", ["bjensen", "jsmith", "mjones", "ajensen"] },
        { "userName eq \"nobody\"", [] },
        { "id eq \"nobody\"", [] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task QueryAsync_Filter_ReturnsMatchesInCreationOrder(string filter, string[] expected)
    {
        await CreatePeopleAsync();

        var result = await _store.QueryAsync(User, Query(filter), StoreContext.Anonymous);

        Assert.Equal(expected, UserNames(result));
        Assert.Equal(expected.Length, result.TotalResults);
    }

    [Fact]
    public async Task QueryAsync_IdEq_FindsThatResource()
    {
        await CreatePeopleAsync();
        var jsmith = (await _store.QueryAsync(User, Query("userName eq \"jsmith\""), StoreContext.Anonymous)).Resources.Single();

        var result = await _store.QueryAsync(User, Query($"id eq \"{jsmith.Id}\""), StoreContext.Anonymous);

        Assert.Equal(["jsmith"], UserNames(result));
    }

    [Fact]
    public async Task QueryAsync_NoFilterAfterReplaceAndDelete_KeepsCreationOrder()
    {
        var names = new[] { "e", "c", "a", "d", "b" };
        var created = new List<ScimResource>();
        foreach (var name in names)
        {
            created.Add(await _store.CreateAsync(NewUser(name), StoreContext.Anonymous));
        }

        var changed = created[1].Clone();
        changed.Json["userName"] = "cc";
        await _store.ReplaceAsync(changed, null, StoreContext.Anonymous);
        await _store.DeleteAsync(User, created[3].Id!, null, StoreContext.Anonymous);
        await _store.CreateAsync(NewUser("f"), StoreContext.Anonymous);

        Assert.Equal(["e", "cc", "a", "b", "f"], UserNames(await _store.QueryAsync(User, ListQuery.All, StoreContext.Anonymous)));
    }

    // ---- Queries: paging and sorting ----

    [Theory]
    [InlineData(1, 100, new[] { "e", "c", "a", "d", "b" })]
    [InlineData(1, 2, new[] { "e", "c" })]
    [InlineData(2, 2, new[] { "c", "a" })]
    [InlineData(4, 10, new[] { "d", "b" })]
    [InlineData(5, 1, new[] { "b" })]
    [InlineData(6, 10, new string[0])]
    [InlineData(0, 2, new[] { "e", "c" })]
    [InlineData(-7, 2, new[] { "e", "c" })]
    [InlineData(1, 0, new string[0])]
    [InlineData(3, -1, new string[0])]
    [InlineData(int.MaxValue, int.MaxValue, new string[0])]
    [InlineData(int.MinValue, int.MaxValue, new[] { "e", "c", "a", "d", "b" })]
    public async Task QueryAsync_Page_ReturnsSliceAndTotalOfAllMatches(int startIndex, int count, string[] expected)
    {
        foreach (var name in new[] { "e", "c", "a", "d", "b" })
        {
            await _store.CreateAsync(NewUser(name), StoreContext.Anonymous);
        }

        var result = await _store.QueryAsync(User, new ListQuery(null, null, false, startIndex, count), StoreContext.Anonymous);

        Assert.Equal(expected, UserNames(result));
        Assert.Equal(5, result.TotalResults);
    }

    [Theory]
    [InlineData("userName", false, 1, 10, new[] { "ajensen", "bjensen", "jsmith", "mjones" })]
    [InlineData("userName", true, 1, 10, new[] { "mjones", "jsmith", "bjensen", "ajensen" })]
    [InlineData("userName", true, 2, 2, new[] { "jsmith", "bjensen" })]
    [InlineData("displayName", false, 1, 10, new[] { "jsmith", "bjensen", "mjones", "ajensen" })]
    [InlineData("displayName", true, 1, 10, new[] { "ajensen", "mjones", "bjensen", "jsmith" })]
    public async Task QueryAsync_SortBy_OrdersBeforePaging(string sortBy, bool descending, int startIndex, int count, string[] expected)
    {
        await CreatePeopleAsync();

        var result = await _store.QueryAsync(User, new ListQuery(null, AttributePath.Parse(sortBy), descending, startIndex, count), StoreContext.Anonymous);

        Assert.Equal(expected, UserNames(result));
        Assert.Equal(4, result.TotalResults);
    }

    [Fact]
    public async Task QueryAsync_FilterAndSort_SortsTheMatches()
    {
        await CreatePeopleAsync();
        var query = new ListQuery(Bind("name.familyName sw \"J\""), AttributePath.Parse("userName"), true, 1, 10);

        var result = await _store.QueryAsync(User, query, StoreContext.Anonymous);

        Assert.Equal(["mjones", "bjensen", "ajensen"], UserNames(result));
    }

    [Fact]
    public async Task QueryAsync_SortByUnknownAttribute_Throws400InvalidValue()
    {
        var query = new ListQuery(null, AttributePath.Parse("shoeSize"), false, 1, 10);

        var error = await Assert.ThrowsAsync<ScimException>(() => _store.QueryAsync(User, query, StoreContext.Anonymous));

        Assert.Equal(400, error.Status);
        Assert.Equal(ScimErrorType.InvalidValue, error.ScimType);
    }

    [Fact]
    public async Task QueryAsync_Canceled_ReturnsCanceledTask()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.QueryAsync(User, ListQuery.All, StoreContext.Anonymous, cancellation.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.CreateAsync(NewUser("bjensen"), StoreContext.Anonymous, cancellation.Token));
        Assert.Equal(0, (await _store.QueryAsync(User, ListQuery.All, StoreContext.Anonymous)).TotalResults);
    }

    // ---- Queries: the index ----

    public static TheoryData<string, long, int> IndexedFilters => new()
    {
        { "userName eq \"user0042\"", 1, 1 },
        { "USERNAME eq \"USER0042\"", 1, 1 },
        { "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"user0042\"", 1, 1 },
        { "userName eq \"user0042\" and active eq true", 1, 1 },
        { "active eq true and userName eq \"user0042\"", 1, 1 },
        { "userName eq \"user0042\" and active eq false", 1, 0 },
        { "userName eq \"nobody\"", 0, 0 },
        { "userName eq \"nobody\" and active eq true", 0, 0 },
        { "userName eq \"user0042\" or userName eq \"user0043\"", 100, 2 },
        { "not (userName ne \"user0042\")", 100, 1 },
        { "userName sw \"user004\"", 100, 10 },
        { "userName eq \"\"", 100, 0 },
        { "active eq true", 100, 100 },
    };

    [Theory]
    [MemberData(nameof(IndexedFilters))]
    public async Task QueryAsync_EqOnUniqueAttribute_EvaluatesOnlyTheIndexedResource(string filter, long evaluated, int total)
    {
        for (var i = 0; i < 100; i++)
        {
            await _store.CreateAsync(NewUser($"user{i:D4}", """ "active": true """), StoreContext.Anonymous);
        }

        var before = _store.ResourcesEvaluated;
        var result = await _store.QueryAsync(User, Query(filter), StoreContext.Anonymous);

        Assert.Equal(evaluated, _store.ResourcesEvaluated - before);
        Assert.Equal(total, result.TotalResults);
    }

    [Fact]
    public async Task QueryAsync_IdEq_EvaluatesOneResource()
    {
        ScimResource? target = null;
        for (var i = 0; i < 100; i++)
        {
            var created = await _store.CreateAsync(NewUser($"user{i:D4}"), StoreContext.Anonymous);
            target = i == 42 ? created : target;
        }

        var before = _store.ResourcesEvaluated;
        var result = await _store.QueryAsync(User, Query($"id eq \"{target!.Id}\""), StoreContext.Anonymous);

        Assert.Equal(1, _store.ResourcesEvaluated - before);
        Assert.Equal([target.Id], result.Resources.Select(r => r.Id));
    }

    [Fact]
    public async Task QueryAsync_EqAfterReplace_IndexFollowsTheNewValue()
    {
        var created = await _store.CreateAsync(NewUser("bjensen"), StoreContext.Anonymous);
        var changed = created.Clone();
        changed.Json["userName"] = "babs";
        await _store.ReplaceAsync(changed, null, StoreContext.Anonymous);

        Assert.Equal(0, (await _store.QueryAsync(User, Query("userName eq \"bjensen\""), StoreContext.Anonymous)).TotalResults);
        Assert.Equal(["babs"], UserNames(await _store.QueryAsync(User, Query("userName eq \"BABS\""), StoreContext.Anonymous)));
    }

    [Fact]
    public async Task QueryAsync_EqOnCaseExactOrExtensionUniqueAttribute_UsesTheIndex()
    {
        var store = new InMemoryResourceStore(DeviceRegistry);
        for (var i = 0; i < 20; i++)
        {
            await store.CreateAsync(NewDevice($$""" "serial": "SN-{{i}}", "number": {{i}}, "{{DeviceExtensionUrn}}": { "badge": "b-{{i}}" } """), StoreContext.Anonymous);
        }

        async Task<(long Evaluated, int Total)> Run(string filter)
        {
            var before = store.ResourcesEvaluated;
            var result = await store.QueryAsync(Device, new ListQuery(Bind(filter, DeviceRegistry, Device), null, false, 1, 10), StoreContext.Anonymous);
            return (store.ResourcesEvaluated - before, result.TotalResults);
        }

        Assert.Equal((1L, 1), await Run("serial eq \"SN-7\""));
        Assert.Equal((0L, 0), await Run("serial eq \"sn-7\""));
        Assert.Equal((1L, 1), await Run("badge eq \"B-7\""));
        Assert.Equal((1L, 1), await Run("number eq 7"));
    }

    [Fact]
    public async Task QueryAsync_EqWithDateShapedValueOnAStringAttribute_ComparesText()
    {
        // userName is a string in the schema, so date-shaped values compare as text, as the evaluator does.
        await _store.CreateAsync(NewUser("2011-05-13T04:42:34Z"), StoreContext.Anonymous);

        var other = await _store.QueryAsync(User, Query("userName eq \"2011-05-13T04:42:34.000Z\""), StoreContext.Anonymous);
        var same = await _store.QueryAsync(User, Query("userName eq \"2011-05-13t04:42:34z\""), StoreContext.Anonymous);

        Assert.Equal(0, other.TotalResults);
        Assert.Equal(1, same.TotalResults);
    }

    // ---- Concurrency ----

    [Fact]
    public async Task CreateAsync_TwentyConcurrentCreatesOfOneUserName_ExactlyOneSucceeds()
    {
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 20).Select(i => OnOwnThread(async () =>
        {
            start.Wait();
            try
            {
                await _store.CreateAsync(NewUser(i % 2 == 0 ? "bjensen" : "BJensen"), StoreContext.Anonymous);
                return true;
            }
            catch (ScimException e) when (e.Status == 409 && e.ScimType == ScimErrorType.Uniqueness)
            {
                return false;
            }
        })).ToArray();
        start.Set();

        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes, succeeded => succeeded);
        Assert.Equal(1, (await _store.QueryAsync(User, ListQuery.All, StoreContext.Anonymous)).TotalResults);
    }

    [Fact]
    public async Task ReplaceAsync_FiftyConcurrentReadModifyWriteLoops_LoseNoUpdate()
    {
        var id = (await _store.CreateAsync(NewUser("bjensen"), StoreContext.Anonymous)).Id!;
        using var start = new ManualResetEventSlim();
        var writers = Enumerable.Range(0, 50).Select(i => OnOwnThread(async () =>
        {
            start.Wait();
            for (var retries = 0; ; retries++)
            {
                var current = (await _store.GetAsync(User, id, StoreContext.Anonymous))!;
                var emails = current.Json["emails"] as JsonArray ?? [];
                current.Json["emails"] = emails;
                emails.Add((JsonNode)new JsonObject { ["value"] = $"writer{i}@example.com" });
                try
                {
                    await _store.ReplaceAsync(current, current.Version, StoreContext.Anonymous);
                    return retries;
                }
                catch (ScimException e) when (e.Status == 412)
                {
                }
            }
        })).ToArray();
        start.Set();

        await Task.WhenAll(writers);

        var final = (await _store.GetAsync(User, id, StoreContext.Anonymous))!;
        var values = final.Json["emails"]!.AsArray().Select(e => e!["value"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"writer{i}@example.com").Order(StringComparer.Ordinal), values);
        Assert.Equal("W/\"51\"", final.Version);
    }

    [Fact]
    public async Task Store_ConcurrentCreatesQueriesAndDeletes_StayConsistent()
    {
        using var start = new ManualResetEventSlim();
        var workers = Enumerable.Range(0, 16).Select(w => OnOwnThread(async () =>
        {
            start.Wait();
            for (var i = 0; i < 50; i++)
            {
                var created = await _store.CreateAsync(NewUser($"w{w}-u{i}"), StoreContext.Anonymous);
                var found = await _store.QueryAsync(User, Query($"userName eq \"W{w}-U{i}\""), StoreContext.Anonymous);
                Assert.Equal([created.Id], found.Resources.Select(r => r.Id));
                if (i % 2 == 0)
                {
                    await _store.DeleteAsync(User, created.Id!, created.Version, StoreContext.Anonymous);
                }

                if (i % 10 == 0)
                {
                    var page = await _store.QueryAsync(User, new ListQuery(Bind("userName sw \"w\""), AttributePath.Parse("userName"), false, 1, 10), StoreContext.Anonymous);
                    Assert.True(page.TotalResults >= page.Resources.Count);
                }
            }

            return 0;
        })).ToArray();
        start.Set();

        await Task.WhenAll(workers);

        var all = await _store.QueryAsync(User, new ListQuery(null, null, false, 1, 1000), StoreContext.Anonymous);
        Assert.Equal(16 * 25, all.TotalResults);
        Assert.Equal(all.TotalResults, all.Resources.Select(r => r.Id).Distinct().Count());
    }

    // ---- Helpers ----

    /// <summary>Runs <paramref name="work"/> on a thread of its own, so that many can wait on one start signal together.</summary>
    private static Task<T> OnOwnThread<T>(Func<Task<T>> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private static ScimResource NewUser(string userName, string more = "") =>
        Validator.ValidateForCreate(User, Json($$"""{ "userName": {{JsonValue.Create(userName).ToJsonString()}} {{(more.Length > 0 ? "," + more : "")}} }"""));

    private static ScimResource NewGroup(string displayName) =>
        Validator.ValidateForCreate(Group, Json($$"""{ "displayName": "{{displayName}}" }"""));

    private static ScimResource NewDevice(string body) =>
        new SchemaValidator(DeviceRegistry).ValidateForCreate(Device, Json($$"""{ {{body}} }"""));

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    /// <summary>Four users created in this order: bjensen, jsmith, mjones, ajensen.</summary>
    private async Task CreatePeopleAsync()
    {
        string[] people =
        [
            $$"""
            "userName": "bjensen", "displayName": "Babs Jensen", "name": { "familyName": "Jensen" }, "title": "Tour Guide", "active": true,
            "emails": [ { "value": "bjensen@example.com", "type": "work" } ],
            "{{EnterpriseUrn}}": { "employeeNumber": "701984" }
            """,
            """
            "userName": "jsmith", "displayName": "Anne Smith", "name": { "familyName": "Smith" }, "active": false,
            "emails": [ { "value": "jsmith@example.org", "type": "home" } ]
            """,
            $$"""
            "userName": "mjones", "displayName": "Mary Jones", "name": { "familyName": "Jones" }, "active": true,
            "emails": [ { "value": "mjones@example.com", "type": "work" } ],
            "{{EnterpriseUrn}}": { "employeeNumber": "42" }
            """,
            """
            "userName": "ajensen", "displayName": "Zoe Jensen", "name": { "familyName": "Jensen" }, "active": true
            """,
        ];
        foreach (var body in people)
        {
            await _store.CreateAsync(Validator.ValidateForCreate(User, Json($"{{ {body} }}")), StoreContext.Anonymous);
        }
    }

    private static ScimFilter Bind(string filter) => Bind(filter, Registry, User);

    private static ScimFilter Bind(string filter, SchemaRegistry registry, ResourceType type) =>
        ScimFilterValidator.Bind(ScimFilter.Parse(filter), registry, type);

    private static ListQuery Query(string filter) => new(Bind(filter), null, false, 1, 1000);

    private static string[] UserNames(QueryResult result) => [.. result.Resources.Select(r => r.Json["userName"]!.GetValue<string>())];

    private static StoreContext Tenant(string tenant) => new(new ClaimsPrincipal(new ClaimsIdentity([new Claim("tenant", tenant)], "test")));

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
