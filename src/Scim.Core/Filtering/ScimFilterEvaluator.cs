using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Core.Filtering.Evaluation;
using Scim.Core.Paths;
using Scim.Core.Resources;
using Scim.Core.Schema;

namespace Scim.Core.Filtering;

/// <summary>
/// Decides whether a <see cref="ScimFilter"/> matches a resource held as a System.Text.Json DOM, with the semantics
/// of RFC 7644 §3.4.2.2.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Attribute names match case-insensitively. A URN-qualified path looks inside the extension object named by the
/// URN; a URN with no such object (the resource's core schema) names a top-level attribute.</item>
/// <item>Strings compare case-insensitively (ordinal) unless the attribute is <c>caseExact</c>.</item>
/// <item>A multi-valued attribute matches when any of its values matches; a complex value compared without a
/// sub-attribute is compared through its <c>value</c> sub-attribute (<c>emails co "example.com"</c>).</item>
/// <item>A value filter (<c>emails[type eq "work" and value co "@example.com"]</c>) needs one and the same value to
/// satisfy the whole inner filter.</item>
/// <item>Strings that are both xsd:dateTime compare chronologically, numbers numerically, booleans only by equality.
/// Values of different JSON kinds never match.</item>
/// <item><c>pr</c> is false for null, a missing attribute, <c>""</c>, <c>[]</c> and <c>{}</c>.</item>
/// <item><c>ne</c> is the negation of <c>eq</c>: it matches a missing attribute, and a multi-valued attribute only
/// when none of its values is equal. So <c>x eq v or x ne v</c> matches every resource.</item>
/// <item><c>eq null</c> matches exactly when the attribute is not present (<c>not (x pr)</c>); <c>ne null</c> matches
/// when it is.</item>
/// </list>
/// </remarks>
public static class ScimFilterEvaluator
{
    private const int ScratchLength = 256;

    /// <summary>Whether <paramref name="resource"/> satisfies <paramref name="filter"/>.</summary>
    /// <param name="filter">The parsed filter.</param>
    /// <param name="resource">The resource as a JSON object.</param>
    /// <param name="isCaseExact">
    /// Tells whether an attribute is <c>caseExact</c>; it receives the full path (for a comparison inside a value filter,
    /// the complex attribute with the sub-attribute, e.g. <c>emails.value</c>). When <see langword="null"/>, only
    /// <c>id</c> is case-exact.
    /// </param>
    /// <returns>Whether the resource matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> or <paramref name="resource"/> is <see langword="null"/>.</exception>
    public static bool Matches(ScimFilter filter, JsonObject resource, Func<AttributePath, bool>? isCaseExact = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(resource);
        return Evaluate(filter, resource, null, isCaseExact is null ? null : p => isCaseExact(p) ? AttributeTraits.CaseExact : AttributeTraits.None);
    }

    /// <summary>As the public overloads, with the attribute traits supplied directly (no per-call wrapper).</summary>
    internal static bool Matches(ScimFilter filter, JsonObject resource, Func<AttributePath, AttributeTraits> traits) =>
        Evaluate(filter, resource, null, traits);

    /// <summary>
    /// Whether <paramref name="resource"/> satisfies <paramref name="filter"/>, with <c>caseExact</c> taken from the
    /// schemas of its resource type. Bind the filter first with <see cref="ScimFilterValidator.Bind"/>, so unqualified
    /// extension attributes are looked up under their URN; attributes the schemas do not define are not case-exact.
    /// </summary>
    /// <param name="filter">The parsed filter.</param>
    /// <param name="resource">The resource.</param>
    /// <param name="registry">The schemas.</param>
    /// <returns>Whether the resource matches.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static bool Matches(ScimFilter filter, ScimResource resource, SchemaRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(filter);
        return Evaluate(filter, resource.Json, null, registry.TraitsOf(resource.ResourceType));
    }

    private static bool Evaluate(ScimFilter filter, JsonObject scope, AttributePath? parent, Func<AttributePath, AttributeTraits>? traits)
    {
        switch (filter)
        {
            case ComparisonFilter comparison:
                var attribute = Lookup(scope, comparison.Attribute);
                if (comparison.Value.Kind == ComparisonValueKind.Null)
                {
                    return IsPresent(attribute, comparison.Attribute.SubAttributeName) == (comparison.Operator == ComparisonOperator.NotEqual);
                }

                if (comparison.Operator == ComparisonOperator.NotEqual)
                {
                    return !AnyValueMatches(attribute, comparison.Attribute.SubAttributeName, ComparisonOperator.Equal, comparison, parent, traits);
                }

                return AnyValueMatches(attribute, comparison.Attribute.SubAttributeName, comparison.Operator, comparison, parent, traits);

            case PresentFilter present:
                return IsPresent(Lookup(scope, present.Attribute), present.Attribute.SubAttributeName);

            case AndFilter and:
                foreach (var operand in and.Operands)
                {
                    if (!Evaluate(operand, scope, parent, traits))
                    {
                        return false;
                    }
                }

                return true;

            case OrFilter or:
                foreach (var operand in or.Operands)
                {
                    if (Evaluate(operand, scope, parent, traits))
                    {
                        return true;
                    }
                }

                return false;

            case NotFilter not:
                return !Evaluate(not.Operand, scope, parent, traits);

            case ValuePathFilter valuePath:
                return ValuePathMatches(Lookup(scope, valuePath.Attribute), valuePath, traits);

            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter.GetType(), "Unknown filter node.");
        }
    }

    private static bool ValuePathMatches(JsonNode? attribute, ValuePathFilter valuePath, Func<AttributePath, AttributeTraits>? traits)
    {
        switch (attribute)
        {
            case JsonArray values:
                for (var index = 0; index < values.Count; index++)
                {
                    var value = values[index];
                    if (value is JsonObject element && Evaluate(valuePath.Filter, element, valuePath.Attribute, traits))
                    {
                        return true;
                    }
                }

                return false;
            case JsonObject single:
                return Evaluate(valuePath.Filter, single, valuePath.Attribute, traits);
            default:
                return false;
        }
    }

    private static JsonNode? Lookup(JsonObject scope, AttributePath path)
    {
        if (path.SchemaUrn is not { } urn)
        {
            return JsonLeaf.Find(scope, path.AttributeName);
        }

        if (JsonLeaf.Find(scope, urn) is JsonObject extension)
        {
            return JsonLeaf.Find(extension, path.AttributeName);
        }

        // Without an object of its own, the URN must be the resource's core schema: an RFC core schema, or the
        // first entry of "schemas". An extension the resource lacks names nothing.
        return IsCoreSchema(scope, urn) ? JsonLeaf.Find(scope, path.AttributeName) : null;
    }

    private static bool IsCoreSchema(JsonObject scope, string urn)
    {
        if (urn.StartsWith("urn:ietf:params:scim:schemas:core:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        Span<char> scratch = stackalloc char[ScratchLength];
        return JsonLeaf.Find(scope, "schemas") is JsonArray { Count: > 0 } schemas
            && schemas[0] is JsonValue first
            && JsonLeaf.TryGetString(first, scratch, out var coreUrn)
            && coreUrn.Equals(urn, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsPresent(JsonNode? attribute, string? subAttribute)
    {
        if (subAttribute is null)
        {
            return JsonLeaf.IsPresent(attribute);
        }

        if (attribute is JsonArray values)
        {
            for (var index = 0; index < values.Count; index++)
            {
                var value = values[index];
                if (value is JsonObject element && JsonLeaf.IsPresent(JsonLeaf.Find(element, subAttribute)))
                {
                    return true;
                }
            }

            return false;
        }

        return attribute is JsonObject complex && JsonLeaf.IsPresent(JsonLeaf.Find(complex, subAttribute));
    }

    private static bool AnyValueMatches(
        JsonNode? attribute,
        string? subAttribute,
        ComparisonOperator op,
        ComparisonFilter comparison,
        AttributePath? parent,
        Func<AttributePath, AttributeTraits>? traits)
    {
        if (attribute is null)
        {
            return false;
        }

        var caseExact = new CaseExactness(comparison.Attribute, parent, traits);
        if (attribute is JsonArray values)
        {
            for (var index = 0; index < values.Count; index++)
            {
                var value = values[index];
                var leaf = subAttribute is null ? value : (value as JsonObject) is { } element ? JsonLeaf.Find(element, subAttribute) : null;
                if (LeafMatches(leaf, op, comparison.Value, ref caseExact))
                {
                    return true;
                }
            }

            return false;
        }

        if (subAttribute is not null)
        {
            attribute = attribute is JsonObject complex ? JsonLeaf.Find(complex, subAttribute) : null;
        }

        return LeafMatches(attribute, op, comparison.Value, ref caseExact);
    }

    private static bool LeafMatches(JsonNode? leaf, ComparisonOperator op, ComparisonValue expected, ref CaseExactness caseExactness)
    {
        var implicitValue = leaf is JsonObject;
        if (leaf is JsonObject complex)
        {
            leaf = JsonLeaf.Find(complex, "value");
        }

        if (leaf is not JsonValue value)
        {
            return false;
        }

        switch (expected.Kind)
        {
            case ComparisonValueKind.String:
                Span<char> scratch = stackalloc char[ScratchLength];
                return JsonLeaf.TryGetString(value, scratch, out var actual)
                    && StringMatches(actual, op, expected.Text!, implicitValue ? caseExactness.OfValue : caseExactness.OfAttribute);
            case ComparisonValueKind.Number:
                return JsonLeaf.TryGetNumber(value, out var number) && Ordered(number.CompareTo(expected.Number), op);
            default:
                var kind = value.GetValueKind();
                return kind is JsonValueKind.True or JsonValueKind.False
                    && (kind == JsonValueKind.True) == (expected.Kind == ComparisonValueKind.True)
                    && op == ComparisonOperator.Equal;
        }
    }

    private static bool StringMatches(ReadOnlySpan<char> actual, ComparisonOperator op, string expected, AttributeTraits traits)
    {
        var comparison = (traits & AttributeTraits.CaseExact) != 0 ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        switch (op)
        {
            case ComparisonOperator.Contains:
                return actual.Contains(expected, comparison);
            case ComparisonOperator.StartsWith:
                return actual.StartsWith(expected, comparison);
            case ComparisonOperator.EndsWith:
                return actual.EndsWith(expected, comparison);
        }

        // With a schema only dateTime attributes compare chronologically; without one, any two date-shaped strings do.
        var chronological = (traits & AttributeTraits.Typed) == 0 || (traits & AttributeTraits.DateTime) != 0;
        if (chronological && ScimDateTime.TryParse(expected, out var expectedTime) && ScimDateTime.TryParse(actual, out var actualTime))
        {
            return Ordered(actualTime.CompareTo(expectedTime), op);
        }

        return Ordered(actual.CompareTo(expected, comparison), op);
    }

    private static bool Ordered(int order, ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => order == 0,
        ComparisonOperator.GreaterThan => order > 0,
        ComparisonOperator.GreaterThanOrEqual => order >= 0,
        ComparisonOperator.LessThan => order < 0,
        ComparisonOperator.LessThanOrEqual => order <= 0,
        _ => false,
    };
}
