using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KeepnetHost.Tests.Hosting;
using KeepnetHost.Tests.Infrastructure;

namespace KeepnetHost.Tests.Scenarios;

/// <summary>Tokens and companies: isolation, revoke, bad tokens, a restart on the same database, rate limits (concurrent writers: <c>ConcurrentWriterTests</c>).</summary>
public abstract class TenancyTests(KeepnetHostFixture host) : HostScenarios(host)
{
    [HostFact]
    public async Task OtherCompanyToken_SeesNoneOfTheUsersOrGroups()
    {
        var a = await TenantAsync();
        var b = await TenantAsync();
        var sent = EntraUser();
        var user = Id(await a.CreateUserAsync(sent));
        var group = Id(await a.CreateGroupAsync(EntraGroup("Company A staff")));
        var ownGroup = Id(await b.CreateGroupAsync(EntraGroup("Company A staff")));

        (await b.Scim.GetAsync($"Users/{user}")).ExpectScimError(HttpStatusCode.NotFound);
        (await b.Scim.GetAsync($"Groups/{group}")).ExpectScimError(HttpStatusCode.NotFound);
        (await b.Scim.PatchAsync($"Users/{user}", Patch(Op("Replace", "active", "False")))).ExpectScimError(HttpStatusCode.NotFound);
        (await b.Scim.PatchAsync($"Groups/{group}", Patch(Op("Replace", "displayName", "Taken")))).ExpectScimError(HttpStatusCode.NotFound);
        (await b.Scim.DeleteAsync($"Users/{user}")).ExpectScimError(HttpStatusCode.NotFound);
        (await b.Scim.DeleteAsync($"Groups/{group}")).ExpectScimError(HttpStatusCode.NotFound);
        (await b.Scim.PatchAsync($"Groups/{ownGroup}", Patch(MembersOp("Add", user))))
            .ExpectScimError(HttpStatusCode.BadRequest);
        Assert.Equal(0, Total((await b.Scim.GetAsync("Users")).Expect(HttpStatusCode.OK)));
        Assert.Equal(0, Total((await b.Scim.GetAsync($"Users?{Filter($"userName eq \"{Text(sent["userName"])}\"")}")).Expect(HttpStatusCode.OK)));
        Assert.Equal(new[] { ownGroup }, (await b.Scim.GetAsync("Groups")).Expect(HttpStatusCode.OK)["Resources"]!.AsArray().Select(g => Id(g!)));

        // Company B could create the same userName: it is another company's person.
        await b.CreateUserAsync(EntraUser(Text(sent["userName"])));
        Assert.Equal("Active", Text((await Admin.TargetUserAsync(a.CompanyId, user))["status"]));
        Assert.Empty(Members((await a.Scim.GetAsync($"Groups/{group}")).Expect(HttpStatusCode.OK)));
    }

    [HostFact]
    public async Task Revoke_OldTokenRefusedAtOnceNewTokenWorks()
    {
        var tenant = await TenantAsync();
        var id = Id(await tenant.CreateUserAsync(EntraUser()));

        var token = Text((await Admin.SendAsync(HttpMethod.Post, $"/api/companies/{tenant.CompanyId}/scim-settings/{tenant.SettingId}/revoke"))
            .Expect(HttpStatusCode.OK)["token"])!;

        (await tenant.Scim.GetAsync($"Users/{id}")).ExpectScimError(HttpStatusCode.Unauthorized);
        (await Host.Factory.Scim(token).GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK);
        Assert.NotEqual(tenant.Token, token);
    }

    [HostFact]
    public async Task BadOrMissingToken_401WithScimErrorBody()
    {
        await TenantAsync();

        foreach (var client in new[] { Host.Factory.Scim(null), Host.Factory.Scim("not-a-token"), Host.Factory.Scim(KeepnetFactory.AdminKey) })
        {
            var reply = await client.GetAsync("Users");
            reply.ExpectScimError(HttpStatusCode.Unauthorized);
            Assert.Contains(reply.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }
    }

    [HostFact]
    public async Task DeletedSetting_TokenRefused()
    {
        var tenant = await TenantAsync();

        (await Admin.SendAsync(HttpMethod.Delete, $"/api/companies/{tenant.CompanyId}/scim-settings/{tenant.SettingId}")).Expect(HttpStatusCode.NoContent);

        (await tenant.Scim.GetAsync("Users")).ExpectScimError(HttpStatusCode.Unauthorized);
    }

    [HostFact]
    public async Task Restart_SameDatabase_NothingLostAndTokensStillWork()
    {
        var tenant = await TenantAsync(new { name = "Entra ID", groupName = "Everyone", syncPlatformGroup = true });
        var id = Id(await tenant.CreateUserAsync(EntraUser()));
        var group = Id(await tenant.CreateGroupAsync(EntraGroup("Staff")));
        await tenant.AddMembersAsync(group, id);
        var user = (await tenant.Scim.GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK);
        var groupBefore = (await tenant.Scim.GetAsync($"Groups/{group}")).Expect(HttpStatusCode.OK);
        var people = (await Admin.TargetUsersAsync(tenant.CompanyId)).ToJsonString();
        var groups = (await Admin.GroupsAsync(tenant.CompanyId)).ToJsonString();

        await Host.RestartAsync();

        var scim = Host.Factory.Scim(tenant.Token);
        var admin = Host.Factory.Admin();
        Assert.True(JsonNode.DeepEquals(user, (await scim.GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK)));
        Assert.True(JsonNode.DeepEquals(groupBefore, (await scim.GetAsync($"Groups/{group}")).Expect(HttpStatusCode.OK)));
        Assert.Equal(people, (await admin.TargetUsersAsync(tenant.CompanyId)).ToJsonString());
        Assert.Equal(groups, (await admin.GroupsAsync(tenant.CompanyId)).ToJsonString());
        // The demo company is made on an empty database only.
        var companies = (await admin.SendAsync(HttpMethod.Get, "/api/companies")).Expect(HttpStatusCode.OK).AsArray();
        Assert.Single(companies, c => Text(c!["name"]) == "Demo Company");
    }

    [HostFact]
    public async Task NoConfiguredAdminKey_DatabaseWithCompanies_KeyMadeShownOnceAndKept()
    {
        await TenantAsync();
        var noKey = new Dictionary<string, string> { ["Admin:ApiKey"] = "" };
        var console = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(TextWriter.Synchronized(console));
        try
        {
            await using (var first = Host.Another(noKey))
            {
                first.CreateClient().Dispose();
            }

            await using var second = Host.Another(noKey);
            var keys = Regex.Matches(console.ToString(), @"admin key \(header X-Api-Key\): (\S+)");
            var key = Assert.Single(keys).Groups[1].Value;

            var http = second.CreateClient();
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/companies")).StatusCode);
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/companies")).StatusCode);
            Assert.Single(Regex.Matches(console.ToString(), "admin key"));
        }
        finally
        {
            Console.SetOut(previous);
        }
    }

    [HostFact]
    public async Task RateLimit_TinyLimit_429WithRetryAfterAndScimBody()
    {
        var tenant = await TenantAsync();
        await using var limited = Host.Another(new Dictionary<string, string> { ["Scim:RateLimit:RequestsPerSecond"] = "1", ["Scim:RateLimit:Burst"] = "2" });
        var scim = limited.Scim(tenant.Token);

        (await scim.GetAsync("Users")).Expect(HttpStatusCode.OK);
        var reply = await UntilLimitedAsync(() => scim.GetAsync("Users"));

        reply.ExpectScimError(HttpStatusCode.TooManyRequests);
        Assert.True(reply.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), reply.Headers.RetryAfter?.ToString());
        // The limit is per setting: another company's token still gets through.
        (await limited.Scim((await TenantAsync()).Token).GetAsync("Users")).Expect(HttpStatusCode.OK);
    }

    [HostFact]
    public async Task RateLimit_RepeatedBadTokens_Are429ByClientAddressAndGoodTokensStillWork()
    {
        var tenant = await TenantAsync();
        await using var limited = Host.Another(new Dictionary<string, string> { ["Scim:RateLimit:RequestsPerSecond"] = "1", ["Scim:RateLimit:Burst"] = "2" });
        var guesser = limited.Scim("guessed-token-0000000000000000000000000000");

        (await guesser.GetAsync("Users")).ExpectScimError(HttpStatusCode.Unauthorized);
        var reply = await UntilLimitedAsync(() => guesser.GetAsync("Users"));

        reply.ExpectScimError(HttpStatusCode.TooManyRequests);
        Assert.NotNull(reply.Headers.RetryAfter);
        // A valid token has its own bucket (its setting's), so the guesser does not lock the company out.
        (await limited.Scim(tenant.Token).GetAsync("Users")).Expect(HttpStatusCode.OK);
    }

    /// <summary>
    /// Sends until the limiter answers 429 (burst 2, 1 a second): at most 8 tries, so a slow machine that lets a token
    /// refill between two requests still meets the limit, and a limiter that never answers 429 fails the test.
    /// </summary>
    private static async Task<Reply> UntilLimitedAsync(Func<Task<Reply>> send)
    {
        var reply = await send();
        for (var i = 0; i < 7 && reply.Status != HttpStatusCode.TooManyRequests; i++)
        {
            reply = await send();
        }

        return reply;
    }

    [HostFact]
    public async Task Filter_SqlFragmentsInValues_AreHarmlessParameters()
    {
        var tenant = await TenantAsync();
        var other = await TenantAsync();
        await tenant.CreateUserAsync(EntraUser());
        await other.CreateUserAsync(EntraUser());

        foreach (var value in new[] { "' OR '1'='1", "x\\\" OR 1=1 --", "'; DROP TABLE \\\"Users\\\"; --", "%' OR \\\"UserName\\\" LIKE '%" })
        {
            var filter = Uri.EscapeDataString($"userName eq \"{value}\" or emails[type eq \"work\"].value eq \"{value}\"");
            var list = (await tenant.Scim.GetAsync($"Users?filter={filter}")).Expect(HttpStatusCode.OK);
            Assert.Equal(0, list["totalResults"]!.GetValue<int>());
        }

        // Nothing was dropped or leaked: each company still sees exactly its own user.
        Assert.Equal(1, (await tenant.Scim.GetAsync("Users")).Expect(HttpStatusCode.OK)["totalResults"]!.GetValue<int>());
        Assert.Equal(1, (await other.Scim.GetAsync("Users")).Expect(HttpStatusCode.OK)["totalResults"]!.GetValue<int>());
    }

    [HostFact]
    public async Task Healthz_DatabaseAnswers_200()
    {
        var http = Host.Factory.CreateClient();

        using var response = await http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

public sealed class TenancyTestsOnSqlite(KeepnetHostFixture host) : TenancyTests(host), IClassFixture<KeepnetHostFixture>
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.SqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class TenancyTestsOnPostgres(KeepnetHostFixture host, PostgresFixture postgres) : TenancyTests(host), IClassFixture<KeepnetHostFixture>
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.PostgresAsync(postgres);
}
