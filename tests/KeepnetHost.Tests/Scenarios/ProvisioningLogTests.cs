using System.Net;
using System.Text.Json.Nodes;
using KeepnetHost.Tests.Hosting;
using KeepnetHost.Tests.Infrastructure;

namespace KeepnetHost.Tests.Scenarios;

/// <summary>
/// The provisioning log an operator reads when Entra ID reports a failure: each SCIM request's status, the user or group
/// a POST or PUT named, and for an error the <c>scimType</c> and <c>detail</c> the client was sent.
/// </summary>
public abstract class ProvisioningLogTests(KeepnetHostFixture host) : HostScenarios(host)
{
    [HostFact]
    public async Task EachOutcome_RecordedWithTheNameAndTheErrorTheClientGot()
    {
        var tenant = await TenantAsync();
        var sent = EntraUser();
        var userName = Text(sent["userName"])!;
        var id = Id(await tenant.CreateUserAsync(sent));
        var conflict = (await tenant.Scim.PostAsync("Users", sent.ToJsonString())).ExpectScimError(HttpStatusCode.Conflict, "uniqueness");
        var noMail = new JsonObject { ["schemas"] = new JsonArray(CoreUser), ["userName"] = "nomail@example.com" };
        var invalid = (await tenant.Scim.PostAsync("Users", noMail.ToJsonString())).ExpectScimError(HttpStatusCode.BadRequest, "invalidValue");
        var badFilter = (await tenant.Scim.GetAsync("Users?filter=userName+zz+%22x%22")).ExpectScimError(HttpStatusCode.BadRequest, "invalidFilter");
        (await tenant.Scim.GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK);

        var log = await LogAsync(Admin, tenant);

        Assert.Equal(5, log.Count);
        AssertEntry(log, "POST", 409, userName, "uniqueness", conflict);
        AssertEntry(log, "POST", 400, "nomail@example.com", "invalidValue", invalid);
        AssertEntry(log, "GET", 400, null, "invalidFilter", badFilter);
        AssertEntry(log, "POST", 201, userName, null, null);
        AssertEntry(log, "GET", 200, null, null, null);
        // Failures first, as the console shows them.
        Assert.All(log.Take(3), e => Assert.True(e["status"]!.GetValue<int>() >= 400));
    }

    [HostFact]
    public async Task RateLimited_RecordedWithTheLimitersDetail()
    {
        var tenant = await TenantAsync();
        await using var limited = Host.Another(new Dictionary<string, string> { ["Scim:RateLimit:RequestsPerSecond"] = "1", ["Scim:RateLimit:Burst"] = "1" });
        var scim = limited.Scim(tenant.Token);
        Reply reply;
        var tries = 0;
        do
        {
            reply = await scim.GetAsync("Users");
        }
        while (reply.Status != HttpStatusCode.TooManyRequests && ++tries < 8);

        var detail = reply.ExpectScimError(HttpStatusCode.TooManyRequests);

        AssertEntry(await LogAsync(limited.Admin(), tenant), "GET", 429, null, null, detail);
    }

    private static async Task<List<JsonNode>> LogAsync(AdminClient admin, Tenant tenant) =>
        [.. (await admin.SendAsync(HttpMethod.Get, $"api/companies/{tenant.CompanyId}/scim-settings/{tenant.SettingId}/log"))
            .Expect(HttpStatusCode.OK).AsArray().Select(e => e!)];

    private static void AssertEntry(List<JsonNode> log, string method, int status, string? resource, string? scimType, string? detail) =>
        Assert.Contains(log, e => Text(e["method"]) == method && e["status"]!.GetValue<int>() == status && Text(e["resource"]) == resource
            && Text(e["scimType"]) == scimType && Text(e["detail"]) == detail);
}

public sealed class ProvisioningLogTestsOnSqlite(KeepnetHostFixture host) : ProvisioningLogTests(host), IClassFixture<KeepnetHostFixture>
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.SqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class ProvisioningLogTestsOnPostgres(KeepnetHostFixture host, PostgresFixture postgres) : ProvisioningLogTests(host), IClassFixture<KeepnetHostFixture>
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.PostgresAsync(postgres);
}
