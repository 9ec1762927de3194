using System.Text.Json.Nodes;
using Scim.Core.Schema;
using static Scim.Core.Patching.PatchJson;

namespace Scim.Core.Patching;

/// <summary>
/// When two values of a multi-valued attribute are "the same value" (RFC 7644 §3.5.2.1: adding a value that is
/// already there changes nothing): complex values with a <c>value</c> sub-attribute by <c>value</c> (caseExact as the
/// schema says) and by <c>type</c> when both have one; other complex values when all sub-attributes are equal; strings
/// by the attribute's caseExact; anything else when the JSON is equal.
/// </summary>
internal static class ValueIdentity
{
    /// <summary>The string a value is identified by, or null when it has none (it is then compared whole).</summary>
    public static string? KeyOf(SchemaAttribute attribute, JsonNode? value) => attribute.Type == AttributeType.Complex
        ? attribute.FindSubAttribute("value") is null ? null : AsString(Find(value, "value"))
        : AsString(value);

    public static StringComparer Comparer(SchemaAttribute attribute) => IsCaseExact(attribute) ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    public static JsonNode? FindEqual(SchemaAttribute attribute, JsonArray values, JsonNode candidate)
    {
        var key = KeyOf(attribute, candidate);
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } value && Equal(attribute, value, candidate, key))
            {
                return value;
            }
        }

        return null;
    }

    public static JsonNode? FindEqual(SchemaAttribute attribute, List<JsonNode> values, JsonNode candidate)
    {
        var key = KeyOf(attribute, candidate);
        foreach (var value in values)
        {
            if (Equal(attribute, value, candidate, key))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="existing"/> is the same value as <paramref name="candidate"/>, whose key is <paramref name="key"/>.</summary>
    public static bool Equal(SchemaAttribute attribute, JsonNode existing, JsonNode candidate, string? key)
    {
        if (key is null)
        {
            return JsonNode.DeepEquals(existing, candidate);
        }

        var comparison = IsCaseExact(attribute) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        if (attribute.Type != AttributeType.Complex)
        {
            return StringEquals(existing, key, comparison);
        }

        return StringEquals(Find(existing, "value"), key, comparison) && TypesAgree(Find(existing, "type"), Find(candidate, "type"));
    }

    private static bool TypesAgree(JsonNode? existing, JsonNode? candidate) =>
        !IsAssigned(existing) || !IsAssigned(candidate)
        || (AsString(candidate) is { } type ? StringEquals(existing, type, StringComparison.OrdinalIgnoreCase) : JsonNode.DeepEquals(existing, candidate));

    private static bool IsCaseExact(SchemaAttribute attribute) =>
        attribute.Type == AttributeType.Complex ? attribute.FindSubAttribute("value") is { CaseExact: true } : attribute.CaseExact;
}
