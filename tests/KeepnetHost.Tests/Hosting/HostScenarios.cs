using System.Text.Json.Nodes;

namespace KeepnetHost.Tests.Hosting;

/// <summary>
/// The base of the scenario classes: each scenario is written once and runs through HTTP on the real host, in one
/// derived class per database (<c>...OnSqlite</c>, <c>...OnPostgres</c>).
/// </summary>
public abstract class HostScenarios(KeepnetHostFixture host) : IAsyncLifetime
{
    protected const string CoreUser = "urn:ietf:params:scim:schemas:core:2.0:User";
    protected const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    protected const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    protected KeepnetHostFixture Host => host;

    protected AdminClient Admin { get; private set; } = null!;

    /// <summary>Makes the class's database (called once per class).</summary>
    protected abstract Task<HostDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        await host.StartAsync(CreateDatabaseAsync);
        Admin = host.Factory.Admin();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A new company with one SCIM setting (by default: no mappings, no grouping) and a SCIM client for its token.</summary>
    protected async Task<Tenant> TenantAsync(object? setting = null, int licenseCount = 100, string? licensePolicy = null, params string[] customFields)
    {
        var companyId = await Admin.CreateCompanyAsync($"Company {Guid.NewGuid():N}"[..20], licenseCount, licensePolicy);
        foreach (var field in customFields)
        {
            await Admin.CreateCustomFieldAsync(companyId, field);
        }

        var (settingId, token) = await Admin.CreateSettingAsync(companyId, setting ?? new { name = "Entra ID" });
        return new Tenant(companyId, settingId, token, host.Factory.Scim(token));
    }

    /// <summary>Entra ID's Create User body ([T] "Create User"), for a new user; tests add or change attributes.</summary>
    protected static JsonObject EntraUser(string? mail = null, string? externalId = null)
    {
        mail ??= $"Test_User_{Guid.NewGuid()}@testuser.com";
        return new JsonObject
        {
            ["schemas"] = new JsonArray(CoreUser, EnterpriseUser),
            ["externalId"] = externalId ?? Guid.NewGuid().ToString(),
            ["userName"] = mail,
            ["active"] = true,
            ["emails"] = new JsonArray(new JsonObject { ["primary"] = true, ["type"] = "work", ["value"] = mail }),
            ["meta"] = new JsonObject { ["resourceType"] = "User" },
            ["name"] = new JsonObject { ["formatted"] = "givenName familyName", ["familyName"] = "familyName", ["givenName"] = "givenName" },
            ["roles"] = new JsonArray(),
        };
    }

    /// <summary>Entra ID's Create Group body ([T] "Create Group"): no members.</summary>
    protected static JsonObject EntraGroup(string displayName) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"),
        ["externalId"] = Guid.NewGuid().ToString(),
        ["displayName"] = displayName,
        ["meta"] = new JsonObject { ["resourceType"] = "Group" },
    };

    /// <summary>A PATCH body with the operations in Entra's order (Operations before schemas).</summary>
    protected static string Patch(params JsonObject[] operations) =>
        new JsonObject { ["Operations"] = new JsonArray([.. operations]), ["schemas"] = new JsonArray(PatchOp) }.ToJsonString();

    /// <summary>Entra's Add or Remove Members operation ([T]): <c>{"op":"Add","path":"members","value":[{"$ref":null,"value":"id"}]}</c>.</summary>
    protected static JsonObject MembersOp(string op, params string[] userIds) =>
        Op(op, "members", new JsonArray([.. userIds.Select(u => (JsonNode)new JsonObject { ["$ref"] = null, ["value"] = u })]));

    protected static JsonObject Op(string op, string? path, JsonNode? value)
    {
        var operation = new JsonObject { ["op"] = op };
        if (path is not null)
        {
            operation["path"] = path;
        }

        if (value is not null)
        {
            operation["value"] = value;
        }

        return operation;
    }

    /// <summary>A filter as Entra puts it in the query string (<c>+</c> for spaces, <c>%22</c> for quotes).</summary>
    protected static string Filter(string filter) => "filter=" + Uri.EscapeDataString(filter).Replace("%20", "+", StringComparison.Ordinal);

    protected static string Id(JsonNode resource) => resource["id"]!.GetValue<string>();

    protected static int Total(JsonNode list) => list["totalResults"]!.GetValue<int>();

    protected static string? Text(JsonNode? node) => node?.GetValue<string>();

    /// <summary>
    /// Asserts that a resource read back holds exactly the data that was sent. <c>id</c> and <c>meta</c> are the server's,
    /// <c>schemas</c> lists only the extensions present, and an empty array is an unassigned attribute (RFC 7643 §2.5), so
    /// none of them is data Entra compares.
    /// </summary>
    protected static void AssertRoundTrips(JsonNode sent, JsonNode got) =>
        Assert.True(JsonNode.DeepEquals(Data(sent), Data(got)), $"sent {sent.ToJsonString()}\ngot  {got.ToJsonString()}");

    /// <summary>A group's members; an absent <c>members</c> is an empty one.</summary>
    protected static JsonArray Members(JsonNode group) => group["members"]?.AsArray() ?? [];

    private static JsonObject Data(JsonNode resource)
    {
        var copy = resource.DeepClone().AsObject();
        foreach (var name in new[] { "id", "meta", "schemas" })
        {
            copy.Remove(name);
        }

        foreach (var (name, _) in copy.Where(p => p.Value is JsonArray { Count: 0 }).ToList())
        {
            copy.Remove(name);
        }

        return copy;
    }

    protected sealed record Tenant(string CompanyId, string SettingId, string Token, ScimClient Scim)
    {
        /// <summary>Creates a user (asserting 201) and returns the response body.</summary>
        public async Task<JsonNode> CreateUserAsync(JsonObject user) => (await Scim.PostAsync("Users", user.ToJsonString())).Expect(System.Net.HttpStatusCode.Created);

        public async Task<JsonNode> CreateGroupAsync(JsonObject group) => (await Scim.PostAsync("Groups", group.ToJsonString())).Expect(System.Net.HttpStatusCode.Created);

        /// <summary>Adds users to a group as Entra does (asserting 204).</summary>
        public async Task AddMembersAsync(string groupId, params string[] userIds) =>
            (await Scim.PatchAsync($"Groups/{groupId}", Patch(MembersOp("Add", userIds)))).Expect(System.Net.HttpStatusCode.NoContent);
    }
}
