using System.Text.Json.Nodes;
using Scim.Core.Schema;

namespace Scim.Core.Serialization;

/// <summary>
/// A page of query results (RFC 7644 §3.4.2): <c>totalResults</c>, <c>startIndex</c>, <c>itemsPerPage</c>, <c>Resources</c>,
/// and in cursor paging <c>nextCursor</c> and <c>previousCursor</c> (RFC 9865 §2).
/// </summary>
/// <param name="Resources">The resources on this page, already projected.</param>
/// <param name="TotalResults">How many resources match in all.</param>
/// <param name="StartIndex">The 1-based index of the first resource on this page; <see langword="null"/> in cursor paging, which leaves it out.</param>
public sealed record ListResponse(IReadOnlyList<JsonObject> Resources, int TotalResults, int? StartIndex = 1)
{
    /// <summary>The cursor of the next page, written as <c>nextCursor</c>; <see langword="null"/> on the last page.</summary>
    public string? NextCursor { get; init; }

    /// <summary>The cursor of the previous page, written as <c>previousCursor</c>; <see langword="null"/> on the first page.</summary>
    public string? PreviousCursor { get; init; }

    /// <summary>Writes the list response; resources are deep-copied so the caller keeps its own.</summary>
    /// <returns>The JSON body.</returns>
    public JsonObject ToJson()
    {
        var resources = new JsonArray();
        foreach (var resource in Resources)
        {
            resources.Add(resource.DeepClone());
        }

        var json = new JsonObject
        {
            ["schemas"] = new JsonArray(SchemaUrns.ListResponse),
            ["totalResults"] = TotalResults,
        };
        if (StartIndex is { } startIndex)
        {
            json["startIndex"] = startIndex;
        }

        json["itemsPerPage"] = Resources.Count;
        if (PreviousCursor is not null)
        {
            json["previousCursor"] = PreviousCursor;
        }

        if (NextCursor is not null)
        {
            json["nextCursor"] = NextCursor;
        }

        json["Resources"] = resources;
        return json;
    }
}
