using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using KeepnetHost.Tests.Hosting;
using KeepnetHost.Tests.Infrastructure;

namespace KeepnetHost.Tests.Concurrency;

/// <summary>
/// Many writers at one resource at the same moment, through HTTP on the real host: without <c>If-Match</c> every write
/// lands (the endpoint retries the version races, the client never sees them), with the same <c>If-Match</c> exactly one
/// wins and the others are 412, and the database keeps userNames unique.
/// </summary>
public abstract class ConcurrentWriterTests(KeepnetHostFixture host) : HostScenarios(host)
{
    [HostFact]
    public async Task Patch_FiftyAtOnceToOneUser_EveryChangeKeptVersionUpFifty()
    {
        var tenant = await TenantAsync();
        var id = Id(await tenant.CreateUserAsync(EntraUser()));

        var replies = await AtOnceAsync(50, i =>
            tenant.Scim.PatchAsync($"Users/{id}", Patch(Op("Add", "entitlements", new JsonArray(new JsonObject { ["value"] = $"entitlement-{i}" })))));

        // Each write saw every write before it: the one that made version v shows v - 1 entitlements, its own among them.
        Assert.Equal(Enumerable.Range(2, 50).Select(v => (long)v), replies.Select(r => Version(r.Expect(HttpStatusCode.OK))).Order());
        Assert.All(replies.Select((r, i) => (User: r.Body!, i)), p =>
        {
            Assert.Contains($"entitlement-{p.i}", Entitlements(p.User));
            Assert.Equal(Version(p.User) - 1, Entitlements(p.User).Count);
        });
        var user = (await tenant.Scim.GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"entitlement-{i}").Order(), Entitlements(user).Order());
        Assert.Equal(51, Version(user));
    }

    [HostFact]
    public async Task Patch_FiftyMemberAddsAtOnceToOneGroup_AllFiftyMembersKept()
    {
        var tenant = await TenantAsync();
        var users = await UsersAsync(tenant, 50);
        var group = Id(await tenant.CreateGroupAsync(EntraGroup("Everyone")));

        // Every other PATCH renames the group as well, so member-only PATCHes and whole-group rewrites race each other.
        var replies = await AtOnceAsync(50, i => tenant.Scim.PatchAsync($"Groups/{group}", i % 2 == 0
            ? Patch(MembersOp("Add", users[i]))
            : Patch(MembersOp("Add", users[i]), Op("Replace", "displayName", $"Everyone {i}"))));

        Assert.All(replies, r => r.Expect(HttpStatusCode.NoContent));
        var stored = (await tenant.Scim.GetAsync($"Groups/{group}")).Expect(HttpStatusCode.OK);
        Assert.Equal(users.Order(StringComparer.Ordinal), MemberIds(stored));
        // Each rename is a write of its own; member-only PATCHes that queue behind another are written together, so the
        // 25 of them took from 1 to 25 writes, and each answers with the version its write made.
        var versions = replies.Select(r => Version(r.Headers.ETag!.ToString())).ToList();
        Assert.InRange(Version(stored), 27, 51);
        Assert.All(versions, v => Assert.InRange(v, 2, Version(stored)));
        Assert.Equal(25, versions.Where((_, i) => i % 2 == 1).Distinct().Count());
        // The name is the one of the last rename to commit.
        var lastRename = Enumerable.Range(0, 50).Where(i => i % 2 == 1).MaxBy(i => Version(replies[i].Headers.ETag!.ToString()));
        Assert.Equal($"Everyone {lastRename}", Text(stored["displayName"]));
    }

    [HostFact]
    public async Task Delete_AmidTwentyPatchesToEachOfFourUsers_204AndEachPatchLandsOr404()
    {
        var tenant = await TenantAsync();
        var users = await UsersAsync(tenant, 4);

        // Each user's DELETE goes out in the middle of its PATCHes; nothing sends If-Match, so nothing may answer 412.
        // 84 requests: more at once would open more connections than the test's PostgreSQL allows (100), a 503.
        var replies = await AtOnceAsync(4 * 21, i => i % 21 == 10
            ? tenant.Scim.DeleteAsync($"Users/{users[i / 21]}")
            : tenant.Scim.PatchAsync($"Users/{users[i / 21]}", Patch(Op("Replace", "title", $"title-{i}"))));

        Assert.All(replies.Where((_, i) => i % 21 == 10), r => r.Expect(HttpStatusCode.NoContent));
        Assert.All(replies.Where((_, i) => i % 21 != 10), r =>
            Assert.True(r.Status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{(int)r.Status}: {r.Body?.ToJsonString()}"));
        Assert.Equal(0, Total((await tenant.Scim.GetAsync("Users")).Expect(HttpStatusCode.OK)));
        Assert.All(await Admin.TargetUsersAsync(tenant.CompanyId), u => Assert.Equal("Deleted", Text(u!["status"])));
    }

    [HostFact]
    public async Task Create_TwentySameUserNameAtOnce_One201AndNineteen409()
    {
        var tenant = await TenantAsync();
        var userName = $"same.{Guid.NewGuid():N}@contoso.example";

        var replies = await AtOnceAsync(20, _ => tenant.Scim.PostAsync("Users", EntraUser(userName).ToJsonString()));

        var created = Assert.Single(replies, r => r.Status == HttpStatusCode.Created);
        Assert.All(replies.Where(r => r != created), r => r.ExpectScimError(HttpStatusCode.Conflict, "uniqueness"));
        var found = (await tenant.Scim.GetAsync($"Users?{Filter($"userName eq \"{userName}\"")}")).Expect(HttpStatusCode.OK);
        Assert.Equal(Id(created.Body!), Id(Assert.Single(found["Resources"]!.AsArray())!));
        Assert.Single(await Admin.TargetUsersAsync(tenant.CompanyId));
    }

    [HostFact]
    public async Task Patch_MemberRemovesAndAddsAtOnce_ConvergeToExpectedMembers()
    {
        var tenant = await TenantAsync(new { name = "Entra ID", syncPlatformGroup = true });
        var users = await UsersAsync(tenant, 45);
        var group = Id(await tenant.CreateGroupAsync(EntraGroup("Staff")));
        await tenant.AddMembersAsync(group, [.. users.Take(30)]);

        // Removes of the first fifteen members interleaved with adds of fifteen others.
        var replies = await AtOnceAsync(30, i => tenant.Scim.PatchAsync($"Groups/{group}", i % 2 == 0
            ? Patch(MembersOp("Remove", users[i / 2]))
            : Patch(MembersOp("Add", users[30 + (i / 2)]))));

        Assert.All(replies, r => r.Expect(HttpStatusCode.NoContent));
        var expected = users.Skip(15).Order(StringComparer.Ordinal).ToList();
        var stored = (await tenant.Scim.GetAsync($"Groups/{group}")).Expect(HttpStatusCode.OK);
        Assert.Equal(expected, MemberIds(stored));
        // From 1 to 30 writes: PATCHes that queue behind another are written together.
        Assert.InRange(Version(stored), 3, 32);
        // The platform sees the same members: the mirrored group's count and each person's groups.
        Assert.Equal(30, (await Admin.GroupsAsync(tenant.CompanyId)).Single(g => Text(g!["id"]) == group)!["memberCount"]!.GetValue<int>());
        var inGroup = (await Admin.TargetUsersAsync(tenant.CompanyId))
            .Where(u => u!["groups"]!.AsArray().Any(g => Text(g) == "Staff")).Select(u => Text(u!["id"])!);
        Assert.Equal(expected, inGroup.Order(StringComparer.Ordinal));
    }

    [HostFact]
    public async Task Patch_SameIfMatchAtOnce_OneWinsOthers412()
    {
        var tenant = await TenantAsync();
        var created = await tenant.CreateUserAsync(EntraUser());
        var id = Id(created);

        var replies = await AtOnceAsync(10, i => tenant.Scim.SendAsync(HttpMethod.Patch, $"Users/{id}",
            Patch(Op("Replace", "title", $"title-{i}")), ETag(created)));

        var winner = OneWinner(replies, HttpStatusCode.OK);
        var user = (await tenant.Scim.GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal($"title-{winner}", Text(user["title"]));
        Assert.Equal(2, Version(user));
    }

    [HostFact]
    public async Task Put_SameIfMatchAtOnce_OneWinsOthers412()
    {
        var tenant = await TenantAsync();
        var sent = EntraUser();
        var created = await tenant.CreateUserAsync(sent);
        var id = Id(created);

        var replies = await AtOnceAsync(10, i =>
        {
            var replacement = sent.DeepClone().AsObject();
            replacement["title"] = $"title-{i}";
            return tenant.Scim.SendAsync(HttpMethod.Put, $"Users/{id}", replacement.ToJsonString(), ETag(created));
        });

        var winner = OneWinner(replies, HttpStatusCode.OK);
        var user = (await tenant.Scim.GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(replies[winner].Body, user), $"winner {replies[winner].Body?.ToJsonString()}\nstored {user.ToJsonString()}");
        Assert.Equal($"title-{winner}", Text(user["title"]));
        Assert.Equal(2, Version(user));
    }

    [HostFact]
    public async Task PatchMembers_SameIfMatchAtOnce_OneWinsOthers412()
    {
        var tenant = await TenantAsync();
        var users = await UsersAsync(tenant, 10);
        var created = await tenant.CreateGroupAsync(EntraGroup("Everyone"));
        var group = Id(created);

        var replies = await AtOnceAsync(10, i => tenant.Scim.SendAsync(HttpMethod.Patch, $"Groups/{group}",
            Patch(MembersOp("Add", users[i])), ETag(created)));

        var winner = OneWinner(replies, HttpStatusCode.NoContent);
        var stored = (await tenant.Scim.GetAsync($"Groups/{group}")).Expect(HttpStatusCode.OK);
        Assert.Equal([users[winner]], MemberIds(stored));
        Assert.Equal(2, Version(stored));
    }

    /// <summary>
    /// Runs <paramref name="count"/> requests on the thread pool, all waiting on one signal so they start at the same
    /// moment; the replies are in request order.
    /// </summary>
    private static async Task<Reply[]> AtOnceAsync(int count, Func<int, Task<Reply>> send)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await send(i);
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(requests);
    }

    /// <summary>Asserts that exactly one reply has <paramref name="status"/> and all others are 412; returns the winner's index.</summary>
    private static int OneWinner(Reply[] replies, HttpStatusCode status)
    {
        var winners = Enumerable.Range(0, replies.Length).Where(i => replies[i].Status == status).ToList();
        Assert.True(winners.Count == 1, string.Join(", ", replies.Select(r => (int)r.Status)));
        Assert.All(replies.Where((_, i) => i != winners[0]), r => r.ExpectScimError(HttpStatusCode.PreconditionFailed));
        return winners[0];
    }

    private static async Task<List<string>> UsersAsync(Tenant tenant, int count)
    {
        var users = new List<string>();
        for (var i = 0; i < count; i++)
        {
            users.Add(Id(await tenant.CreateUserAsync(EntraUser())));
        }

        return users;
    }

    private static List<string> MemberIds(JsonNode group) => [.. Members(group).Select(m => Text(m!["value"])!).Order(StringComparer.Ordinal)];

    private static List<string> Entitlements(JsonNode user) => [.. (user["entitlements"]?.AsArray() ?? []).Select(e => Text(e!["value"])!)];

    private static string ETag(JsonNode resource) => Text(resource["meta"]!["version"])!;

    private static long Version(JsonNode resource) => Version(ETag(resource));

    private static long Version(string etag) => long.Parse(etag.Trim('W', '/', '"'), CultureInfo.InvariantCulture);
}

public sealed class ConcurrentWriterTestsOnSqlite(KeepnetHostFixture host) : ConcurrentWriterTests(host), IClassFixture<KeepnetHostFixture>
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.SqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class ConcurrentWriterTestsOnPostgres(KeepnetHostFixture host, PostgresFixture postgres) : ConcurrentWriterTests(host), IClassFixture<KeepnetHostFixture>
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.PostgresAsync(postgres);
}
