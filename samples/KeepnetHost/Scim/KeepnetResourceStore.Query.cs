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
            var users = Filter(ActiveUsers(caller), QueryMaps.Users, query.Filter, type);
            var page = await Page(users, QueryMaps.Users, query, u => u.Created, u => u.Id).ToListAsync(cancellationToken);
            var total = KnownTotal(page.Count, query) ?? await users.CountAsync(cancellationToken);
            return new QueryResult([.. page.Select(u => ToResource(type, u))], total);
        }

        var groups = Filter(ScimGroups(caller), QueryMaps.Groups, query.Filter, type);
        var groupPage = await Page(groups, QueryMaps.Groups, query, g => g.Created, g => g.Id).ToListAsync(cancellationToken);
        var groupTotal = KnownTotal(groupPage.Count, query) ?? await groups.CountAsync(cancellationToken);
        var ids = groupPage.Select(g => g.Id).ToList();
        var members = query.Selection.Shows("members") && ids.Count > 0
            ? (await db.GroupMembers.AsNoTracking().Where(m => ids.Contains(m.GroupId)).OrderBy(m => m.UserId).ToListAsync(cancellationToken)).ToLookup(m => m.GroupId)
            : null;
        return new QueryResult([.. groupPage.Select(g => ToResource(type, g, members?[g.Id].ToList()))], groupTotal);
    }

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
