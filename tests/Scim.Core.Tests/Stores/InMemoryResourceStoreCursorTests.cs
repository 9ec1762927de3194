using System.Security.Claims;
using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Filtering;
using Scim.Core.Paths;
using Scim.Core.Resources;
using Scim.Core.Schema;
using Scim.Core.Stores;

namespace Scim.Core.Tests.Stores;

/// <summary>Cursor paging (RFC 9865) in the in-memory store.</summary>
public sealed class InMemoryResourceStoreCursorTests
{
    private static readonly SchemaRegistry Registry = SchemaRegistry.CreateDefault();
    private static readonly SchemaValidator Validator = new(Registry);
    private static readonly ResourceType User = Registry.FindResourceType("User")!;
    private static readonly ResourceType Group = Registry.FindResourceType("Group")!;

    private readonly ManualTime _time = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private readonly InMemoryResourceStore _store;

    public InMemoryResourceStoreCursorTests()
    {
        _store = new InMemoryResourceStore(Registry, _time, c => c.Principal.FindFirst("tenant")?.Value ?? string.Empty, TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void SupportsCursors_InMemoryStore_IsTrue()
    {
        Assert.True(((IResourceStore)_store).SupportsCursors);
    }

    [Fact]
    public async Task QueryAsync_WalkForwardByCursor_VisitsEveryResourceOnceInCreationOrder()
    {
        var names = await CreateUsersAsync(10);

        var pages = await WalkForwardAsync(Cursored(count: 3));

        Assert.Equal([3, 3, 3, 1], pages.Select(p => p.Resources.Count));
        Assert.Equal(names, pages.SelectMany(UserNames));
        Assert.All(pages, p => Assert.Equal(10, p.TotalResults));
        Assert.Null(pages[0].PreviousCursor);
        Assert.All(pages.Skip(1), p => Assert.NotNull(p.PreviousCursor));
        Assert.All(pages.SkipLast(1), p => Assert.NotNull(p.NextCursor));
        Assert.Null(pages[^1].NextCursor);
    }

    [Fact]
    public async Task QueryAsync_WalkBackwardFromLastPage_ReturnsThePagesInReverse()
    {
        await CreateUsersAsync(10);
        var forward = await WalkForwardAsync(Cursored(count: 3));

        var backward = new List<QueryResult> { forward[^1] };
        while (backward[^1].PreviousCursor is { } previous)
        {
            backward.Add(await QueryAsync(Cursored(count: 3, cursor: previous)));
        }

        Assert.Equal(
            forward.Take(3).Reverse().Select(p => string.Join(",", UserNames(p))),
            backward.Skip(1).Select(p => string.Join(",", UserNames(p))));
        Assert.Null(backward[^1].PreviousCursor);
        Assert.NotNull(backward[^1].NextCursor);
    }

    [Fact]
    public async Task QueryAsync_NextThenPrevious_ReturnsTheSamePageAgain()
    {
        await CreateUsersAsync(7);
        var first = await QueryAsync(Cursored(count: 2));
        var second = await QueryAsync(Cursored(count: 2, cursor: first.NextCursor));

        var back = await QueryAsync(Cursored(count: 2, cursor: second.PreviousCursor));

        Assert.Equal(UserNames(first), UserNames(back));
        Assert.Null(back.PreviousCursor);
    }

    [Fact]
    public async Task QueryAsync_InsertsAndDeletesBetweenPages_LoseAndRepeatNothing()
    {
        var names = await CreateUsersAsync(9);
        var seen = new List<string>();
        var page = await QueryAsync(Cursored(count: 3));
        seen.AddRange(UserNames(page));

        // Delete one already seen and one not yet seen; create two, which sort after everything in creation order.
        await DeleteUserAsync("user00");
        await DeleteUserAsync("user05");
        await CreateUserAsync("late1");
        page = await QueryAsync(Cursored(count: 3, cursor: page.NextCursor));
        seen.AddRange(UserNames(page));
        await DeleteUserAsync(UserNames(page)[^1]);
        await CreateUserAsync("late2");
        while (page.NextCursor is { } next)
        {
            page = await QueryAsync(Cursored(count: 3, cursor: next));
            seen.AddRange(UserNames(page));
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal([.. names.Where(n => n != "user05"), "late1", "late2"], seen);
    }

    [Fact]
    public async Task QueryAsync_SortedCursorWhenTheAnchorIsDeleted_ContinuesAfterItsSortValue()
    {
        await CreateUsersAsync(6);
        var query = Cursored(count: 2) with { SortBy = AttributePath.Parse("userName"), Descending = true };
        var first = await QueryAsync(query);
        Assert.Equal(["user05", "user04"], UserNames(first));

        await DeleteUserAsync("user04");
        await CreateUserAsync("user035");
        await CreateUserAsync("user99");
        var second = await QueryAsync(query with { Cursor = first.NextCursor });

        Assert.Equal(["user035", "user03"], UserNames(second));
    }

    [Fact]
    public async Task QueryAsync_FilterAndSortWithCursor_PagesTheMatchesInSortOrder()
    {
        foreach (var (userName, familyName) in new[] { ("a", "Zed"), ("b", "Young"), ("c", "Xu"), ("d", "Young"), ("e", "Abe"), ("x", "Young") })
        {
            await _store.CreateAsync(Validator.ValidateForCreate(User, Json($$$"""{"userName":"{{{userName}}}","name":{"familyName":"{{{familyName}}}"}}""")), StoreContext.Anonymous);
        }

        var query = new ListQuery(Bind("userName ne \"x\""), AttributePath.Parse("name.familyName"), false, 1, 2) { Cursor = string.Empty };

        var pages = await WalkForwardAsync(query);

        // b and d tie on Young; ties go by id, as in index paging.
        var indexed = await QueryAsync(query with { Cursor = null, Count = 100 });
        Assert.Equal(UserNames(indexed), pages.SelectMany(UserNames));
        Assert.Equal(["e", "c", "a"], pages.SelectMany(UserNames).Where(n => n is not ("b" or "d")));
        Assert.Equal(["b", "d"], pages.SelectMany(UserNames).Skip(2).Take(2).Order());
        Assert.Equal([2, 2, 1], pages.Select(p => p.Resources.Count));
        Assert.All(pages, p => Assert.Equal(5, p.TotalResults));
    }

    [Fact]
    public async Task QueryAsync_EqOnUniqueAttributeWithCursor_UsesTheIndex()
    {
        await CreateUsersAsync(20);
        var before = _store.ResourcesEvaluated;

        var result = await QueryAsync(new ListQuery(Bind("userName eq \"user07\""), null, false, 1, 10) { Cursor = string.Empty });

        Assert.Equal(["user07"], UserNames(result));
        Assert.Equal(1, _store.ResourcesEvaluated - before);
        Assert.Null(result.NextCursor);
        Assert.Null(result.PreviousCursor);
    }

    [Fact]
    public async Task QueryAsync_CountZeroWithCursor_ReturnsTotalOnlyAndNoCursor()
    {
        await CreateUsersAsync(4);

        var result = await QueryAsync(Cursored(count: 0));

        Assert.Empty(result.Resources);
        Assert.Equal(4, result.TotalResults);
        Assert.Null(result.NextCursor);
    }

    [Fact]
    public async Task QueryAsync_NoMatches_ReturnsAnEmptyLastPage()
    {
        var result = await QueryAsync(Cursored(count: 5));

        Assert.Empty(result.Resources);
        Assert.Equal(0, result.TotalResults);
        Assert.Null(result.NextCursor);
        Assert.Null(result.PreviousCursor);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("VZUTiyhEQJ94IR")]
    [InlineData("not base64url!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("%00")]
    public async Task QueryAsync_GarbageCursor_InvalidCursor(string cursor)
    {
        await CreateUsersAsync(2);

        var error = await Assert.ThrowsAsync<ScimException>(() => QueryAsync(Cursored(count: 1, cursor: cursor)));

        Assert.Equal(400, error.Status);
        Assert.Equal(ScimErrorType.InvalidCursor, error.ScimType);
    }

    [Fact]
    public async Task QueryAsync_TamperedCursor_InvalidCursor()
    {
        await CreateUsersAsync(3);
        var cursor = (await QueryAsync(Cursored(count: 1))).NextCursor!;

        for (var i = 0; i < cursor.Length - 1; i += 7)
        {
            var tampered = cursor[..i] + (cursor[i] == 'A' ? 'B' : 'A') + cursor[(i + 1)..];
            var error = await Assert.ThrowsAsync<ScimException>(() => QueryAsync(Cursored(count: 1, cursor: tampered)));
            Assert.Equal(ScimErrorType.InvalidCursor, error.ScimType);
        }
    }

    [Fact]
    public async Task QueryAsync_CursorOfAnotherQuery_InvalidCursor()
    {
        await CreateUsersAsync(3);
        var cursor = (await QueryAsync(Cursored(count: 1))).NextCursor;

        var error = await Assert.ThrowsAsync<ScimException>(() => QueryAsync(new ListQuery(Bind("userName sw \"user\""), null, false, 1, 1) { Cursor = cursor }));

        Assert.Equal(ScimErrorType.InvalidCursor, error.ScimType);
    }

    [Fact]
    public async Task QueryAsync_CursorOfAnotherTenantOrType_InvalidCursor()
    {
        await CreateUsersAsync(3);
        var cursor = (await QueryAsync(Cursored(count: 1))).NextCursor;
        var otherTenant = new StoreContext(new ClaimsPrincipal(new ClaimsIdentity([new Claim("tenant", "other")], "test")));

        var foreign = await Assert.ThrowsAsync<ScimException>(() => _store.QueryAsync(User, Cursored(count: 1, cursor: cursor), otherTenant));
        var otherType = await Assert.ThrowsAsync<ScimException>(() => _store.QueryAsync(Group, Cursored(count: 1, cursor: cursor), StoreContext.Anonymous));

        Assert.Equal(ScimErrorType.InvalidCursor, foreign.ScimType);
        Assert.Equal(ScimErrorType.InvalidCursor, otherType.ScimType);
    }

    [Fact]
    public async Task QueryAsync_CursorWithAnotherCount_InvalidCount()
    {
        await CreateUsersAsync(3);
        var cursor = (await QueryAsync(Cursored(count: 1))).NextCursor;

        var error = await Assert.ThrowsAsync<ScimException>(() => QueryAsync(Cursored(count: 2, cursor: cursor)));

        Assert.Equal(400, error.Status);
        Assert.Equal(ScimErrorType.InvalidCount, error.ScimType);
    }

    [Fact]
    public async Task QueryAsync_CursorOlderThanItsLifetime_ExpiredCursor()
    {
        await CreateUsersAsync(3);
        var cursor = (await QueryAsync(Cursored(count: 1))).NextCursor;
        _time.Now += TimeSpan.FromMinutes(5);
        Assert.Single((await QueryAsync(Cursored(count: 1, cursor: cursor))).Resources);

        _time.Now += TimeSpan.FromSeconds(1);
        var error = await Assert.ThrowsAsync<ScimException>(() => QueryAsync(Cursored(count: 1, cursor: cursor)));

        Assert.Equal(400, error.Status);
        Assert.Equal(ScimErrorType.ExpiredCursor, error.ScimType);
    }

    [Fact]
    public async Task QueryAsync_CursorFromAnotherStoreInstance_InvalidCursor()
    {
        await CreateUsersAsync(3);
        var cursor = (await QueryAsync(Cursored(count: 1))).NextCursor;
        var restarted = new InMemoryResourceStore(Registry, _time);

        var error = await Assert.ThrowsAsync<ScimException>(() => restarted.QueryAsync(User, Cursored(count: 1, cursor: cursor), StoreContext.Anonymous));

        Assert.Equal(ScimErrorType.InvalidCursor, error.ScimType);
    }

    [Fact]
    public async Task QueryAsync_Cursor_IsMadeOfUnreservedCharactersOnly()
    {
        await CreateUsersAsync(3);

        var result = await QueryAsync(Cursored(count: 1) with { SortBy = AttributePath.Parse("userName") });

        Assert.Matches("^[A-Za-z0-9._~-]+$", result.NextCursor);
    }

    [Fact]
    public void Constructor_NonPositiveCursorLifetime_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryResourceStore(Registry, cursorLifetime: TimeSpan.Zero));
    }

    private static ListQuery Cursored(int count, string? cursor = "") => new(null, null, false, 1, count) { Cursor = cursor };

    private static ScimFilter Bind(string filter) => ScimFilterValidator.Bind(ScimFilter.Parse(filter), Registry, User);

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    private static string[] UserNames(QueryResult result) => [.. result.Resources.Select(r => r.Json["userName"]!.GetValue<string>())];

    private Task<QueryResult> QueryAsync(ListQuery query) => _store.QueryAsync(User, query, StoreContext.Anonymous);

    private async Task<List<QueryResult>> WalkForwardAsync(ListQuery query)
    {
        var pages = new List<QueryResult> { await QueryAsync(query) };
        while (pages[^1].NextCursor is { } next)
        {
            Assert.True(pages.Count < 100, "The walk does not end.");
            pages.Add(await QueryAsync(query with { Cursor = next }));
        }

        return pages;
    }

    private async Task<string[]> CreateUsersAsync(int count)
    {
        var names = Enumerable.Range(0, count).Select(i => $"user{i:D2}").ToArray();
        foreach (var name in names)
        {
            await CreateUserAsync(name);
        }

        return names;
    }

    private Task<ScimResource> CreateUserAsync(string userName) =>
        _store.CreateAsync(Validator.ValidateForCreate(User, Json($$"""{"userName":"{{userName}}"}""")), StoreContext.Anonymous);

    private async Task DeleteUserAsync(string userName)
    {
        var found = await QueryAsync(new ListQuery(Bind($"userName eq \"{userName}\""), null, false, 1, 1));
        await _store.DeleteAsync(User, found.Resources.Single().Id!, null, StoreContext.Anonymous);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
