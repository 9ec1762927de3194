using System.Collections.Concurrent;
using KeepnetHost.Data;
using Microsoft.EntityFrameworkCore;
using Scim.Core.Errors;
using Scim.Core.Filtering;
using Scim.Core.Querying.Linq;
using Scim.Core.Resources;
using Scim.Core.Schema;
using Scim.Core.Stores;

namespace KeepnetHost.Scim;

/// <summary>Queries: the filter and sort become SQL through the library's LINQ translator.</summary>
public sealed partial class KeepnetResourceStore
{
    public async Task<QueryResult> QueryAsync(ResourceType type, ListQuery query, StoreContext context, CancellationToken cancellationToken = default)
    {
        var caller = ScimCaller.Of(context);
        if (IsUser(type))
        {
            // Built only where used: Entra's lookup needs no expression tree, and building one was 2% of its CPU.
            IQueryable<TargetUser> Users() => Filter(ActiveUsers(caller), QueryMaps.Users, query.Filter, type);
            var page = KeyLookup(query, "userName") is { } userNameKey
                ? await UsersByKey.GetOrAdd(db.GetType(), _ => CompileUsersByKey())(db, caller.CompanyId, userNameKey).ToListAsync(cancellationToken)
                : EmailLookup(query) is var (emailType, email)
                ? await UsersByEmail.GetOrAdd(db.GetType(), _ => CompileUsersByEmail())(db, caller.CompanyId, emailType, email, query.Count).ToListAsync(cancellationToken)
                : await Page(Users(), QueryMaps.Users, query, u => u.Created, u => u.Id).Select(StoredUser).ToListAsync(cancellationToken);
            var total = KnownTotal(page.Count, query) ?? await Users().CountAsync(cancellationToken);
            return new QueryResult([.. page.Select(u => ToResource(type, u))], total);
        }

        IQueryable<PlatformGroup> Groups() => Filter(ScimGroups(caller), QueryMaps.Groups, query.Filter, type);
        var groupPage = KeyLookup(query, "displayName") is { } nameKey
            ? await GroupsByKey.GetOrAdd(db.GetType(), _ => CompileGroupsByKey())(db, caller.CompanyId, nameKey).ToListAsync(cancellationToken)
            : await Page(Groups(), QueryMaps.Groups, query, g => g.Created, g => g.Id).ToListAsync(cancellationToken);
        var groupTotal = KnownTotal(groupPage.Count, query) ?? await Groups().CountAsync(cancellationToken);
        var ids = groupPage.Select(g => g.Id).ToList();
        var members = query.Selection.Shows("members") && ids.Count > 0
            ? (await db.GroupMembers.AsNoTracking().Where(m => ids.Contains(m.GroupId)).OrderBy(m => m.UserId).ToListAsync(cancellationToken)).ToLookup(m => m.GroupId)
            : null;
        return new QueryResult([.. groupPage.Select(g => ToResource(type, g, members?[g.Id].ToList()))], groupTotal);
    }

    /// <summary>
    /// For Entra ID's lookup before every create (<c>userName eq "..."</c>, <c>displayName eq "..."</c>): the key the
    /// unique index holds, the value upper-cased by .NET as <see cref="QueryMaps"/> folds it (so any script matches in
    /// any case), if the query is only that on a first page; otherwise <see langword="null"/>.
    /// </summary>
    /// <remarks>
    /// The lookup then runs as a compiled query: the general path builds, walks and hashes a new expression tree on
    /// every request, which with the full row was about 40% of the host's CPU for these GETs.
    /// </remarks>
    private static string? KeyLookup(ListQuery query, string attribute) =>
        query is { Filter: ComparisonFilter { Operator: ComparisonOperator.Equal, Value.Kind: ComparisonValueKind.String } equal, SortBy: null, StartIndex: <= 1, Count: > 0 }
        && equal.Attribute is { SchemaUrn: null, SubAttributeName: null, ValueFilter: null } path
        && path.AttributeName.Equals(attribute, StringComparison.OrdinalIgnoreCase)
            ? equal.Value.Text!.ToUpperInvariant()
            : null;

    /// <summary>
    /// For Entra ID's other matching filter, <c>emails[type eq "work"].value eq "..."</c> (parsed as
    /// <c>emails[type eq "work" and value eq "..."]</c>) alone on a first page: the type and address, lower-cased as the
    /// filter translator compares them; otherwise <see langword="null"/>.
    /// </summary>
    /// <remarks>
    /// The translator's <c>Any()</c> is a correlated <c>EXISTS</c>, which SQLite runs once for every user of the company
    /// (23 ms at 10,000 users); as <c>"Id" IN (SELECT "UserId" ...)</c> it starts from the address's index (0.2 ms).
    /// </remarks>
    private static (string Type, string Value)? EmailLookup(ListQuery query)
    {
        if (query is not { Filter: ValuePathFilter { Filter: AndFilter { Operands: [ComparisonFilter first, ComparisonFilter second] } } valuePath, SortBy: null, StartIndex: <= 1, Count: > 0 }
            || valuePath.Attribute is not { SchemaUrn: null, SubAttributeName: null, ValueFilter: null } path
            || !path.AttributeName.Equals("emails", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var type = PlainEquality(first, "type") ?? PlainEquality(second, "type");
        var value = PlainEquality(first, "value") ?? PlainEquality(second, "value");
        return type is null || value is null ? null : (type.ToLowerInvariant(), value.ToLowerInvariant());
    }

    /// <summary>The string <paramref name="comparison"/> compares <paramref name="attribute"/> with, if it is a plain <c>eq</c>.</summary>
    private static string? PlainEquality(ComparisonFilter comparison, string attribute) =>
        comparison is { Operator: ComparisonOperator.Equal, Value.Kind: ComparisonValueKind.String, Attribute: { SchemaUrn: null, SubAttributeName: null, ValueFilter: null } path }
        && path.AttributeName.Equals(attribute, StringComparison.OrdinalIgnoreCase)
            ? comparison.Value.Text
            : null;

    // Per context type: a compiled query belongs to one model, and the tests run both databases in one process.
    // The key lookups have no ORDER BY or LIMIT: a unique index on exactly their condition allows one match at most (and
    // KeyLookup asks for a count of at least one). SQLite prepares every statement afresh, and with the sort, preparing and
    // running the lookup took about 10 µs more (37-52 against 28-40 µs in a loop over the load test's database), out of
    // the 200-240 µs of host CPU a GET costs.
    private static readonly ConcurrentDictionary<Type, Func<KeepnetDbContext, string, string, IAsyncEnumerable<StoredRow>>> UsersByKey = new();

    private static readonly ConcurrentDictionary<Type, Func<KeepnetDbContext, string, string, string, int, IAsyncEnumerable<StoredRow>>> UsersByEmail = new();

    private static readonly ConcurrentDictionary<Type, Func<KeepnetDbContext, string, string, IAsyncEnumerable<PlatformGroup>>> GroupsByKey = new();

    // Unique: IX_Users_CompanyId_UserNameKey, on users that are not Deleted.
    private static Func<KeepnetDbContext, string, string, IAsyncEnumerable<StoredRow>> CompileUsersByKey() =>
        EF.CompileAsyncQuery((KeepnetDbContext context, string companyId, string key) => context.Users
            .Where(u => u.CompanyId == companyId && u.Status != UserStatus.Deleted && u.UserNameKey == key)
            .Select(StoredUser));

    private static Func<KeepnetDbContext, string, string, string, int, IAsyncEnumerable<StoredRow>> CompileUsersByEmail() =>
        EF.CompileAsyncQuery((KeepnetDbContext context, string companyId, string kind, string value, int count) => context.Users
            .Where(u => u.CompanyId == companyId && u.Status != UserStatus.Deleted && context.UserEmails
                .Where(e => e.Type != null && e.Type.ToLower() == kind && e.Value.ToLower() == value).Select(e => e.UserId).Contains(u.Id))
            .OrderBy(u => u.Created).ThenBy(u => u.Id).Take(count)
            .Select(StoredUser));

    // Unique: IX_Groups_CompanyId_Kind_NameKey, on groups that are not Deleted.
    private static Func<KeepnetDbContext, string, string, IAsyncEnumerable<PlatformGroup>> CompileGroupsByKey() =>
        EF.CompileAsyncQuery((KeepnetDbContext context, string companyId, string key) => context.Groups.AsNoTracking()
            .Where(g => g.CompanyId == companyId && g.Kind == GroupKind.Idp && !g.Deleted && g.NameKey == key));

    /// <summary>
    /// A first page that is not full holds every match, so it is the total without a count query (Entra's lookups
    /// by userName and displayName find one or none).
    /// </summary>
    private static int? KnownTotal(int returned, ListQuery query) =>
        query.StartIndex <= 1 && returned < query.Count ? returned : null;

    private static IQueryable<T> Filter<T>(IQueryable<T> source, ScimQueryMap<T> map, ScimFilter? filter, ResourceType type)
    {
        if (filter is null)
        {
            return source;
        }

        try
        {
            return source.Where(map.ToPredicate(filter));
        }
        catch (ScimException e) when (e.ScimType == ScimErrorType.InvalidFilter)
        {
            // The attribute is valid SCIM but has no column here: say so rather than scan every user in memory.
            throw new ScimException(e.Status, ScimErrorType.InvalidFilter, $"{e.Detail} This server filters {type.Name}s on the attributes it keeps as columns.");
        }
    }

    private static IQueryable<T> Page<T, TKey1, TKey2>(
        IQueryable<T> source, ScimQueryMap<T> map, ListQuery query,
        System.Linq.Expressions.Expression<Func<T, TKey1>> defaultOrder, System.Linq.Expressions.Expression<Func<T, TKey2>> tieBreak)
    {
        // A stable order that does not depend on count, so paging clients (Okta) never skip or repeat anyone.
        var ordered = query.SortBy is null
            ? source.OrderBy(defaultOrder).ThenBy(tieBreak)
            : map.ApplySort(source, query.SortBy, query.Descending).ThenBy(tieBreak);
        return ordered.Skip(Math.Max(query.StartIndex, 1) - 1).Take(Math.Max(query.Count, 0));
    }
}
