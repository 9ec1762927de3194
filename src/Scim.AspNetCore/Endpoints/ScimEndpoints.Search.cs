using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Scim.Core.Errors;
using Scim.Core.Filtering;
using Scim.Core.Paths;
using Scim.Core.Querying;
using Scim.Core.Resources;
using Scim.Core.Schema;
using Scim.Core.Serialization;
using Scim.Core.Stores;

namespace Scim.AspNetCore.Endpoints;

/// <summary>
/// Queries: GET on a resource type (RFC 7644 §3.4.2) and POST <c>.search</c> on a type or the root (§3.4.3), paged by
/// <c>startIndex</c> or by <c>cursor</c> (RFC 9865).
/// </summary>
internal sealed partial class ScimEndpoints
{
    private Task ListAsync(HttpContext context, string baseUrl, ResourceType type)
    {
        var query = context.Request.Query;
        var search = new Search(
            First(query, "filter"),
            First(query, "sortBy"),
            First(query, "sortOrder"),
            Integer("startIndex", First(query, "startIndex")),
            Integer("count", First(query, "count")),
            ProjectionOf(query),
            First(query, "cursor"));
        return QueryAsync(context, baseUrl, [type], search);
    }

    private async Task SearchAsync(HttpContext context, string baseUrl, ResourceType type) =>
        await QueryAsync(context, baseUrl, [type], ReadSearch(await ScimHttp.ReadJsonAsync(context, _options.MaxRequestBodySize)));

    private async Task SearchAllAsync(HttpContext context, string baseUrl) =>
        await QueryAsync(context, baseUrl, [.. _registry.ResourceTypes], ReadSearch(await ScimHttp.ReadJsonAsync(context, _options.MaxRequestBodySize)));

    /// <summary>
    /// Runs a query over one resource type, or over several for a search at the root: there the results are the types'
    /// results one after the other, in registration order, each type sorted on its own, and a type the filter or
    /// <c>sortBy</c> does not apply to contributes nothing (unless none applies, which is the filter's error).
    /// </summary>
    private async Task QueryAsync(HttpContext context, string baseUrl, IReadOnlyList<ResourceType> types, Search search)
    {
        var call = CallOf(context);
        var store = call.Store;
        var cursor = CursorOf(search, types, store);
        var maxResults = _options.ServiceProviderConfig.FilterMaxResults;
        var startIndex = (int)Math.Clamp(search.StartIndex ?? 1, 1, int.MaxValue);
        var count = (int)Math.Clamp(search.Count ?? _options.DefaultCount, 0, maxResults);
        var descending = search.SortOrder switch
        {
            null or "" => false,
            _ when search.SortOrder.Equals("ascending", StringComparison.OrdinalIgnoreCase) => false,
            _ when search.SortOrder.Equals("descending", StringComparison.OrdinalIgnoreCase) => true,
            _ => throw new ScimException(StatusCodes.Status400BadRequest, ScimErrorType.InvalidValue,
                $"sortOrder must be 'ascending' or 'descending'; it is '{search.SortOrder}'."),
        };
        AttributePath? sortBy = null;
        if (!string.IsNullOrWhiteSpace(search.SortBy) && !AttributePath.TryParse(search.SortBy, _options.FilterOptions, out sortBy, out var sortError))
        {
            throw new ScimException(StatusCodes.Status400BadRequest, ScimErrorType.InvalidValue, $"sortBy is not an attribute path: {sortError.Detail}");
        }

        var filter = string.IsNullOrWhiteSpace(search.Filter) ? null : ScimFilter.Parse(search.Filter, _options.FilterOptions);

        var page = new List<ScimResource>();
        var skip = startIndex - 1;
        var total = 0;
        string? next = null, previous = null;
        ScimException? firstError = null;
        var applied = 0;
        foreach (var type in types)
        {
            ListQuery listQuery;
            try
            {
                var bound = filter is null ? null : ScimFilterValidator.Bind(filter, _registry, type);
                if (sortBy is not null && !_registry.TryResolve(type, sortBy, out _, out var problem))
                {
                    throw new ScimException(StatusCodes.Status400BadRequest, ScimErrorType.InvalidValue, $"sortBy: {problem}.");
                }

                listQuery = new ListQuery(bound, sortBy, descending, skip + 1, count - page.Count) { Cursor = cursor, Selection = search.Projection.Selection };
            }
            catch (ScimException e) when (types.Count > 1)
            {
                firstError ??= e;
                continue;
            }

            applied++;
            var result = await store.QueryAsync(type, listQuery, call.Context, call.Aborted);
            (next, previous) = (result.NextCursor, result.PreviousCursor);
            total += result.TotalResults;
            skip = Math.Max(0, skip - result.TotalResults);
            page.AddRange(result.Resources);
        }

        if (applied == 0 && firstError is not null)
        {
            throw firstError;
        }

        // In cursor paging there is exactly one type, whose cursors these are; RFC 9865's pages have no startIndex.
        var response = cursor is null
            ? new ListResponse([], total, startIndex)
            : new ListResponse([], total, StartIndex: null) { NextCursor = next, PreviousCursor = previous };
        await ScimHttp.WriteJsonAsync(context, StatusCodes.Status200OK,
            writer => response.WriteTo(writer, page, (w, resource) => Project(w, resource, baseUrl, search.Projection)));
    }

    /// <summary>
    /// The cursor to page by (<c>""</c> for the first page), or <see langword="null"/> to page by index: the client
    /// chooses with <c>cursor</c> or <c>startIndex</c> (RFC 9865 §2.4), else <see cref="ScimPaginationOptions.DefaultMethod"/> does.
    /// </summary>
    /// <remarks>
    /// RFC 9865 gives no rule for a request with both; since each names a different method, that is 400
    /// <c>invalidValue</c> rather than a guess. A cursor is refused where it cannot be honoured: when cursors are off or
    /// the store cannot page by them, and at the root, whose results span several stores' queries.
    /// </remarks>
    private string? CursorOf(Search search, IReadOnlyList<ResourceType> types, IResourceStore store)
    {
        var supported = CursorsSupported(store);
        if (search.Cursor is null)
        {
            return search.StartIndex is null && supported && types.Count == 1 && _options.Pagination.DefaultMethod == PaginationMethod.Cursor
                ? string.Empty
                : null;
        }

        if (search.StartIndex is not null)
        {
            throw new ScimException(StatusCodes.Status400BadRequest, ScimErrorType.InvalidValue,
                "startIndex and cursor ask for different pagination methods (RFC 9865 §2.4); send one of them.");
        }

        if (!supported)
        {
            throw new ScimException(StatusCodes.Status400BadRequest, ScimErrorType.InvalidValue,
                "This service does not page by cursor (see pagination in /ServiceProviderConfig); page with startIndex instead.");
        }

        if (types.Count > 1)
        {
            throw new ScimException(StatusCodes.Status400BadRequest, ScimErrorType.InvalidValue,
                "A search at the root pages by startIndex only; to page by cursor, search one resource type, e.g. POST /Users/.search.");
        }

        return search.Cursor;
    }

    private bool CursorsSupported(IResourceStore store) => _options.Pagination.CursorSupported && store.SupportsCursors;

    /// <summary>Reads a SearchRequest body (RFC 7644 §3.4.3); names are case-insensitive and unknown members are ignored.</summary>
    private static Search ReadSearch(JsonObject body)
    {
        string? filter = null, sortBy = null, sortOrder = null, cursor = null;
        long? startIndex = null, count = null;
        IReadOnlyList<AttributePath> attributes = [], excluded = [];
        foreach (var (name, value) in body)
        {
            switch (name.ToUpperInvariant())
            {
                case "SCHEMAS":
                    if (value is not JsonArray schemas || !schemas.Any(s => s is JsonValue v && v.TryGetValue<string>(out var urn)
                        && urn.Equals(SchemaUrns.SearchRequest, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw new ScimException(StatusCodes.Status400BadRequest, ScimErrorType.InvalidSyntax,
                            $"A search request's schemas must be [\"{SchemaUrns.SearchRequest}\"].");
                    }

                    break;
                case "FILTER":
                    filter = Text(name, value);
                    break;
                case "SORTBY":
                    sortBy = Text(name, value);
                    break;
                case "SORTORDER":
                    sortOrder = Text(name, value);
                    break;
                case "STARTINDEX":
                    startIndex = Number(name, value);
                    break;
                case "COUNT":
                    count = Number(name, value);
                    break;
                case "CURSOR":
                    cursor = Text(name, value);
                    break;
                case "ATTRIBUTES":
                    attributes = Names(name, value);
                    break;
                case "EXCLUDEDATTRIBUTES":
                    excluded = Names(name, value);
                    break;
                default:
                    break;
            }
        }

        return new Search(filter, sortBy, sortOrder, startIndex, count, new Projection(attributes, excluded), cursor);

        static string? Text(string name, JsonNode? value) => value switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            _ => throw InvalidMember(name, "a string"),
        };

        static long? Number(string name, JsonNode? value) => value switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var number) => number,
            JsonValue v when v.TryGetValue<string>(out var text) => Integer(name, text),
            _ => throw InvalidMember(name, "an integer"),
        };

        static IReadOnlyList<AttributePath> Names(string name, JsonNode? value) => value switch
        {
            null => [],
            JsonValue v when v.TryGetValue<string>(out var text) => AttributeProjection.ParseList(text),
            JsonArray array => AttributeProjection.ParseList(string.Join(',', array.Select(item => Text(name, item)))),
            _ => throw InvalidMember(name, "an array of attribute names"),
        };

        static ScimException InvalidMember(string name, string expected) =>
            new(StatusCodes.Status400BadRequest, ScimErrorType.InvalidValue, $"'{name}' must be {expected}.");
    }

    /// <summary>An integer parameter; one beyond the range of <see cref="long"/> is clamped, so only non-numbers fail.</summary>
    private static long? Integer(string name, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big) && decimal.Truncate(big) == big)
        {
            return big < 0 ? long.MinValue : long.MaxValue;
        }

        throw new ScimException(StatusCodes.Status400BadRequest, ScimErrorType.InvalidValue, $"{name} must be an integer; it is '{text}'.");
    }

    /// <summary>A query's parameters; <see cref="Cursor"/> is <see langword="null"/> when absent and <c>""</c> for RFC 9865's first page.</summary>
    private sealed record Search(string? Filter, string? SortBy, string? SortOrder, long? StartIndex, long? Count, Projection Projection, string? Cursor);
}
