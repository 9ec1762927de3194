using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Scim.Core.Resources;
using Scim.Core.Schema;
using Scim.Core.Serialization;
using Scim.Core.Stores;

namespace Scim.AspNetCore.Tests.Endpoints;

/// <summary>Cursor paging (RFC 9865) over the real HTTP pipeline.</summary>
public sealed class CursorPaginationTests
{
    private const string SearchRequest = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

    private static async Task<ScimTestHost> HostWithUsersAsync(int users, Action<ScimOptions>? configure = null, Action<ScimBuilder>? store = null)
    {
        var host = await ScimTestHost.StartAsync(configure, store);
        for (var i = 0; i < users; i++)
        {
            await host.CreateUserAsync($"user{i:D2}");
        }

        return host;
    }

    private static string[] UserNames(JsonObject list) =>
        [.. list["Resources"]!.AsArray().Select(r => r!["userName"]!.GetValue<string>())];

    [Fact]
    public async Task List_EmptyCursorAndCount2_WalksAllUsersOnce()
    {
        await using var host = await HostWithUsersAsync(5);

        var first = await host.GetAsync("Users?cursor&count=2");
        first.Message.EnsureSuccessStatusCode();
        var pages = new List<JsonObject> { first.Body! };
        while (pages[^1]["nextCursor"] is { } next)
        {
            Assert.True(pages.Count < 10, "The walk does not end.");
            var response = await host.GetAsync($"Users?cursor={Uri.EscapeDataString(next.GetValue<string>())}&count=2");
            Assert.True(response.Status == 200, response.Body?.ToJsonString());
            pages.Add(response.Body!);
        }

        Assert.Equal(["user00", "user01", "user02", "user03", "user04"], pages.SelectMany(UserNames));
        Assert.Equal([2, 2, 1], pages.Select(p => p["itemsPerPage"]!.GetValue<int>()));
        Assert.All(pages, p => Assert.Equal(5, p["totalResults"]!.GetValue<int>()));
        Assert.All(pages, p => Assert.False(p.ContainsKey("startIndex")));
        Assert.False(pages[0].ContainsKey("previousCursor"));
        Assert.True(pages[1].ContainsKey("previousCursor"));
        Assert.False(pages[^1].ContainsKey("nextCursor"));
    }

    [Fact]
    public async Task List_PreviousCursor_ReturnsTheEarlierPage()
    {
        await using var host = await HostWithUsersAsync(5);
        var first = await host.GetAsync("Users?cursor=&count=2&sortBy=userName&sortOrder=descending");
        var second = await host.GetAsync($"Users?cursor={first.Body!["nextCursor"]}&count=2&sortBy=userName&sortOrder=descending");

        var back = await host.GetAsync($"Users?cursor={second.Body!["previousCursor"]}&count=2&sortBy=userName&sortOrder=descending");

        Assert.Equal(["user04", "user03"], UserNames(first.Body));
        Assert.Equal(["user02", "user01"], UserNames(second.Body));
        Assert.Equal(UserNames(first.Body), UserNames(back.Body!));
    }

    [Fact]
    public async Task List_FilterWithCursor_PagesOnlyTheMatches()
    {
        await using var host = await HostWithUsersAsync(6);
        const string Filter = "filter=userName%20ne%20%22user03%22";

        var first = await host.GetAsync($"Users?{Filter}&cursor&count=3");
        var second = await host.GetAsync($"Users?{Filter}&cursor={first.Body!["nextCursor"]}&count=3");

        Assert.Equal(["user00", "user01", "user02"], UserNames(first.Body));
        Assert.Equal(["user04", "user05"], UserNames(second.Body!));
        Assert.Equal(5, second.Body!["totalResults"]!.GetValue<int>());
        Assert.False(second.Body.ContainsKey("nextCursor"));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("VZUTiyhEQJ94IR")]
    [InlineData("a%20b")]
    public async Task List_InvalidCursor_Returns400InvalidCursor(string cursor)
    {
        await using var host = await HostWithUsersAsync(2);

        var response = await host.GetAsync($"Users?cursor={cursor}&count=1");

        response.AssertError(400, "invalidCursor");
    }

    [Theory]
    [InlineData("count=1&filter=userName%20pr", "invalidCursor")]
    [InlineData("count=1&sortBy=userName", "invalidCursor")]
    [InlineData("count=2", "invalidCount")]
    public async Task List_CursorWithAnotherQuery_Returns400(string changed, string scimType)
    {
        await using var host = await HostWithUsersAsync(3);
        var first = await host.GetAsync("Users?cursor&count=1");

        var response = await host.GetAsync($"Users?cursor={first.Body!["nextCursor"]}&{changed}");

        response.AssertError(400, scimType);
    }

    [Theory]
    [InlineData("Users?cursor&startIndex=1")]
    [InlineData("Users?cursor=abc&startIndex=3&count=2")]
    public async Task List_CursorAndStartIndex_Returns400InvalidValue(string path)
    {
        await using var host = await HostWithUsersAsync(3);

        var response = await host.GetAsync(path);

        response.AssertError(400, "invalidValue");
        Assert.Contains("startIndex and cursor", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_NoPagingParameters_PagesByIndexByDefault()
    {
        await using var host = await HostWithUsersAsync(3);

        var response = await host.GetAsync("Users?count=1");

        Assert.Equal(1, response.Body!["startIndex"]!.GetValue<int>());
        Assert.False(response.Body.ContainsKey("nextCursor"));
    }

    [Fact]
    public async Task List_DefaultMethodCursorAndNoPagingParameters_PagesByCursor()
    {
        await using var host = await HostWithUsersAsync(3, o => o.Pagination.DefaultMethod = PaginationMethod.Cursor);

        var first = await host.GetAsync("Users?count=2");
        var second = await host.GetAsync($"Users?count=2&cursor={first.Body!["nextCursor"]}");
        var indexed = await host.GetAsync("Users?count=2&startIndex=2");

        Assert.False(first.Body.ContainsKey("startIndex"));
        Assert.Equal(["user00", "user01"], UserNames(first.Body));
        Assert.Equal(["user02"], UserNames(second.Body!));
        Assert.Equal(["user01", "user02"], UserNames(indexed.Body!));
        Assert.Equal(2, indexed.Body!["startIndex"]!.GetValue<int>());
    }

    [Fact]
    public async Task List_CursorsSwitchedOff_Returns400InvalidValue()
    {
        await using var host = await HostWithUsersAsync(2, o => o.Pagination.CursorSupported = false);

        var response = await host.GetAsync("Users?cursor&count=1");

        response.AssertError(400, "invalidValue");
    }

    [Fact]
    public async Task List_StoreWithoutCursorSupport_RefusesCursorAndDoesNotAdvertiseIt()
    {
        await using var host = await HostWithUsersAsync(2, store: s => s.AddStore<IndexOnlyStore>(ServiceLifetime.Singleton));

        var response = await host.GetAsync("Users?cursor&count=1");
        var config = await host.GetAsync("ServiceProviderConfig");

        response.AssertError(400, "invalidValue");
        Assert.False(config.Body!["pagination"]!["cursor"]!.GetValue<bool>());
        Assert.Equal("index", config.Body["pagination"]!["defaultPaginationMethod"]!.GetValue<string>());
    }

    [Fact]
    public async Task Search_PostWithCursor_WalksAllUsers()
    {
        await using var host = await HostWithUsersAsync(5);
        var names = new List<string>();
        var cursor = string.Empty;
        for (var pages = 0; cursor is not null; pages++)
        {
            Assert.True(pages < 10, "The walk does not end.");
            var response = await host.PostAsync("Users/.search", $$"""
                {"schemas":["{{SearchRequest}}"],"sortBy":"userName","cursor":"{{cursor}}","count":2}
                """);
            Assert.True(response.Status == 200, response.Body?.ToJsonString());
            Assert.False(response.Body!.ContainsKey("startIndex"));
            names.AddRange(UserNames(response.Body));
            cursor = response.Body["nextCursor"]?.GetValue<string>();
        }

        Assert.Equal(["user00", "user01", "user02", "user03", "user04"], names);
    }

    [Fact]
    public async Task Search_PostWithInvalidCursor_Returns400InvalidCursor()
    {
        await using var host = await HostWithUsersAsync(1);

        var response = await host.PostAsync("Users/.search", $$"""{"schemas":["{{SearchRequest}}"],"cursor":"nope","count":1}""");

        response.AssertError(400, "invalidCursor");
    }

    [Fact]
    public async Task SearchAll_RootWithCursor_Returns400InvalidValue()
    {
        await using var host = await HostWithUsersAsync(2);

        var response = await host.PostAsync(".search", $$"""{"schemas":["{{SearchRequest}}"],"cursor":"","count":1}""");

        response.AssertError(400, "invalidValue");
        Assert.Contains("root", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAll_DefaultMethodCursor_PagesTheRootByIndex()
    {
        await using var host = await HostWithUsersAsync(2, o => o.Pagination.DefaultMethod = PaginationMethod.Cursor);

        var response = await host.PostAsync(".search", $$"""{"schemas":["{{SearchRequest}}"],"count":1}""");

        Assert.Equal(200, response.Status);
        Assert.Equal(1, response.Body!["startIndex"]!.GetValue<int>());
    }

    [Fact]
    public async Task ServiceProviderConfig_Defaults_AdvertiseThePaginationEntry()
    {
        await using var host = await ScimTestHost.StartAsync(o =>
        {
            o.ServiceProviderConfig = new() { FilterMaxResults = 150 };
            o.DefaultCount = 25;
            o.Pagination.CursorTimeout = TimeSpan.FromMinutes(2);
        });

        var response = await host.GetAsync("ServiceProviderConfig");

        var expected = JsonNode.Parse("""
            {"cursor":true,"index":true,"defaultPaginationMethod":"index","defaultPageSize":25,"maxPageSize":150,"cursorTimeout":120}
            """);
        Assert.True(JsonNode.DeepEquals(expected, response.Body!["pagination"]), response.Body["pagination"]?.ToJsonString());
        Assert.Equal(150, response.Body["filter"]!["maxResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task List_CursorOlderThanCursorTimeout_Returns400ExpiredCursor()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        await using var host = await HostWithUsersAsync(3, o => o.Pagination.CursorTimeout = TimeSpan.FromSeconds(30), s =>
        {
            s.Services.AddSingleton<TimeProvider>(time);
            s.AddInMemoryStore();
        });
        var first = await host.GetAsync("Users?cursor&count=1");

        time.Now += TimeSpan.FromSeconds(31);
        var response = await host.GetAsync($"Users?cursor={first.Body!["nextCursor"]}&count=1");

        response.AssertError(400, "expiredCursor");
    }

    /// <summary>A store written before cursors: it inherits <see cref="IResourceStore.SupportsCursors"/> = false.</summary>
    private sealed class IndexOnlyStore(SchemaRegistry registry) : IResourceStore
    {
        private readonly InMemoryResourceStore _inner = new(registry);

        public ValueTask<ScimResource?> GetAsync(ResourceType type, string id, StoreContext context, CancellationToken cancellationToken = default) =>
            _inner.GetAsync(type, id, context, cancellationToken);

        public Task<ScimResource> CreateAsync(ScimResource resource, StoreContext context, CancellationToken cancellationToken = default) =>
            _inner.CreateAsync(resource, context, cancellationToken);

        public Task<ScimResource> ReplaceAsync(ScimResource resource, string? expectedVersion, StoreContext context, CancellationToken cancellationToken = default) =>
            _inner.ReplaceAsync(resource, expectedVersion, context, cancellationToken);

        public Task DeleteAsync(ResourceType type, string id, string? expectedVersion, StoreContext context, CancellationToken cancellationToken = default) =>
            _inner.DeleteAsync(type, id, expectedVersion, context, cancellationToken);

        public Task<QueryResult> QueryAsync(ResourceType type, ListQuery query, StoreContext context, CancellationToken cancellationToken = default) =>
            _inner.QueryAsync(type, query with { Cursor = null }, context, cancellationToken);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
