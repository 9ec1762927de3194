using System.Net;
using System.Text.Json.Nodes;
using KeepnetHost.Tests.Hosting;
using KeepnetHost.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KeepnetHost.Tests.Scale;

/// <summary>
/// Two host instances on one PostgreSQL database with the load split between them: the database, not either host's
/// memory, keeps userNames unique, member adds and PATCHes from both all land, and versions are enforced across hosts.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoInstanceTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private HostDatabase _database = null!;
    private KeepnetFactory _first = null!;
    private KeepnetFactory _second = null!;
    private ScimClient[] _scim = null!;
    private string _token = null!;
    private AdminClient _admin = null!;
    private string _companyId = null!;

    public async Task InitializeAsync()
    {
        if (PostgresServer.SkipReason is not null)
        {
            return;
        }

        // Each instance's pool sized so that both together stay under the server's max_connections (100), as in production.
        var database = await HostDatabase.PostgresAsync(postgres);
        _database = database with { ConnectionString = database.ConnectionString + ";Maximum Pool Size=30" };
        _first = new KeepnetFactory(_database, new Dictionary<string, string>());
        _admin = _first.Admin();
        _companyId = await _admin.CreateCompanyAsync("Two hosts", 10_000);
        var (_, token) = await _admin.CreateSettingAsync(_companyId, new { name = "Entra ID", syncPlatformGroup = true });
        _token = token;
        // The second host starts on the database the first one migrated and filled.
        _second = new KeepnetFactory(_database, new Dictionary<string, string>());
        _scim = [_first.Scim(token), _second.Scim(token)];
    }

    public async Task DisposeAsync()
    {
        if (_first is not null)
        {
            await _first.DisposeAsync();
            await _second.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task SameUserNamesCreatedOnBothHostsAtOnce_ExactlyOneUserEach()
    {
        var names = Enumerable.Range(0, 40).Select(i => $"both.{i}@contoso.example").ToList();

        // Each name is sent to both hosts at the same moment, four times in all.
        var replies = await Task.WhenAll(names.SelectMany(name => Enumerable.Range(0, 4).Select(async i =>
            (name, (await _scim[i % 2].PostAsync("Users", User(name).ToJsonString())).Status))));

        foreach (var byName in replies.GroupBy(r => r.name))
        {
            Assert.Equal(1, byName.Count(r => r.Status == HttpStatusCode.Created));
            Assert.All(byName.Where(r => r.Status != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.Status));
        }

        var users = await _admin.TargetUsersAsync(_companyId);
        foreach (var name in names)
        {
            Assert.Single(users, u => u!["userName"]!.GetValue<string>() == name);
        }
    }

    [PostgresFact]
    public async Task PatchesAndMemberAddsSplitAcrossHosts_NothingLost()
    {
        var ids = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add((await _scim[i % 2].PostAsync("Users", User($"split.{i}@contoso.example").ToJsonString())).Expect(HttpStatusCode.Created)["id"]!.GetValue<string>());
        }

        var group = (await _scim[0].PostAsync("Groups", new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Group"),
            ["displayName"] = "Split",
        }.ToJsonString())).Expect(HttpStatusCode.Created)["id"]!.GetValue<string>();

        // Every user gets five PATCHes of different attributes, and one member add, all at once and alternating hosts.
        string[] attributes = ["title", "nickName", "userType", "preferredLanguage", "profileUrl"];
        var work = ids.SelectMany((id, i) => attributes.Select((attribute, a) => (Func<Task<Reply>>)(() =>
                _scim[(i + a) % 2].PatchAsync($"Users/{id}", Patch(new JsonObject { ["op"] = "Replace", ["path"] = attribute, ["value"] = $"{attribute}-{i}" }))))
            .Append(() => _scim[i % 2].PatchAsync($"Groups/{group}", Patch(new JsonObject
            {
                ["op"] = "Add",
                ["path"] = "members",
                ["value"] = new JsonArray(new JsonObject { ["$ref"] = null, ["value"] = id }),
            }))));
        var replies = await Task.WhenAll(work.Select(send => send()));

        Assert.All(replies, r => Assert.True(r.Status is HttpStatusCode.OK or HttpStatusCode.NoContent, $"{(int)r.Status}: {r.Body?.ToJsonString()}"));
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var user = (await _scim[i % 2].GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK);
            Assert.All(attributes, attribute => Assert.Equal($"{attribute}-{i}", user[attribute]?.GetValue<string>()));
            Assert.Equal(1 + attributes.Length, Version(user));
        }

        var members = (await _scim[1].GetAsync($"Groups/{group}")).Expect(HttpStatusCode.OK)["members"]!.AsArray();
        Assert.Equal(ids.Order(StringComparer.Ordinal), members.Select(m => m!["value"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [PostgresFact]
    public async Task StaleVersionOnTheOtherHost_412()
    {
        var created = (await _scim[0].PostAsync("Users", User("versions@contoso.example").ToJsonString())).Expect(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        var etag = created["meta"]!["version"]!.GetValue<string>();

        var first = await SendWithIfMatchAsync(_first, id, etag, "first");
        var second = await SendWithIfMatchAsync(_second, id, etag, "second");

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second);
        Assert.Equal("first", (await _scim[1].GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK)["title"]!.GetValue<string>());
    }

    private async Task<HttpStatusCode> SendWithIfMatchAsync(KeepnetFactory host, string id, string etag, string title)
    {
        using var http = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost/scim/") });
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"Users/{id}")
        {
            Content = new StringContent(Patch(new JsonObject { ["op"] = "Replace", ["path"] = "title", ["value"] = title }), System.Text.Encoding.UTF8, "application/scim+json"),
        };
        request.Headers.Authorization = new("Bearer", _token);
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static long Version(JsonNode user) =>
        long.Parse(user["meta"]!["version"]!.GetValue<string>().Trim('W', '/', '"'), System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject User(string userName) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"),
        ["userName"] = userName,
        ["active"] = true,
        ["emails"] = new JsonArray(new JsonObject { ["primary"] = true, ["type"] = "work", ["value"] = userName }),
    };

    private static string Patch(JsonObject operation) =>
        new JsonObject { ["Operations"] = new JsonArray(operation), ["schemas"] = new JsonArray(PatchOp) }.ToJsonString();
}
