using System.Text.Json.Nodes;
using Scim.Core.Filtering;
using Scim.Core.Filtering.Evaluation;
using Scim.Core.Paths;

namespace Scim.Core.Querying;

/// <summary>
/// Reads the values an attribute path names in a resource, e.g. <c>addresses[type eq "work"].country</c>, so that a
/// host can copy a SCIM attribute into its own field with the same path syntax a PATCH uses.
/// </summary>
public static class AttributeValues
{
    private const string CoreSchemaPrefix = "urn:ietf:params:scim:schemas:core:";

    /// <summary>
    /// The values <paramref name="path"/> names, in document order: the attribute (or, in an extension, the attribute
    /// under the extension's URN), the elements of a multi-valued attribute that the value filter matches, and their
    /// sub-attribute. Names match case-insensitively; a multi-valued attribute gives each element; absent or
    /// <c>null</c> values give nothing.
    /// </summary>
    /// <param name="resource">The resource JSON.</param>
    /// <param name="path">The path.</param>
    /// <returns>The values found; empty when there are none.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IReadOnlyList<JsonNode> Select(JsonObject resource, AttributePath path)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(path);
        var scope = path.SchemaUrn is { } urn && !urn.StartsWith(CoreSchemaPrefix, StringComparison.OrdinalIgnoreCase)
            ? JsonLeaf.Find(resource, urn) as JsonObject
            : resource;
        var results = new List<JsonNode>();
        if (scope is null || JsonLeaf.Find(scope, path.AttributeName) is not { } attribute)
        {
            return results;
        }

        IEnumerable<JsonNode?> elements = attribute is JsonArray array ? array : new[] { attribute };
        foreach (var element in elements)
        {
            if (element is null || (path.ValueFilter is { } filter && !(element is JsonObject item && ScimFilterEvaluator.Matches(filter, item))))
            {
                continue;
            }

            var value = path.SubAttributeName is { } sub ? (element as JsonObject) is { } obj ? JsonLeaf.Find(obj, sub) : null : element;
            if (value is not null)
            {
                results.Add(value);
            }
        }

        return results;
    }

    /// <summary>The first value <paramref name="path"/> names, as a string (numbers and booleans as their JSON text).</summary>
    /// <param name="resource">The resource JSON.</param>
    /// <param name="path">The path.</param>
    /// <returns>The text, or <see langword="null"/> when there is no value or it is an object or array.</returns>
    public static string? FirstString(JsonObject resource, AttributePath path) =>
        Select(resource, path).FirstOrDefault() is JsonValue value
            ? value.TryGetValue<string>(out var text) ? text : value.ToJsonString()
            : null;
}
