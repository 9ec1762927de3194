using System.Text.Json.Nodes;
using Scim.Core.Schema;

namespace Scim.Core.Serialization;

/// <summary>A page of query results (RFC 7644 §3.4.2): <c>totalResults</c>, <c>startIndex</c>, <c>itemsPerPage</c>, <c>Resources</c>.</summary>
/// <param name="Resources">The resources on this page, already projected.</param>
/// <param name="TotalResults">How many resources match in all.</param>
/// <param name="StartIndex">The 1-based index of the first resource on this page.</param>
public sealed record ListResponse(IReadOnlyList<JsonObject> Resources, int TotalResults, int StartIndex = 1)
{
    /// <summary>Writes the list response; resources are deep-copied so the caller keeps its own.</summary>
    /// <returns>The JSON body.</returns>
    public JsonObject ToJson()
    {
        var resources = new JsonArray();
        foreach (var resource in Resources)
        {
            resources.Add(resource.DeepClone());
        }

        return new JsonObject
        {
            ["schemas"] = new JsonArray(SchemaUrns.ListResponse),
            ["totalResults"] = TotalResults,
            ["startIndex"] = StartIndex,
            ["itemsPerPage"] = Resources.Count,
            ["Resources"] = resources,
        };
    }
}
