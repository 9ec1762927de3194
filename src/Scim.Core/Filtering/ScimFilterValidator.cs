using System.Collections.Immutable;
using Scim.Core.Errors;
using Scim.Core.Filtering.Evaluation;
using Scim.Core.Paths;
using Scim.Core.Schema;

namespace Scim.Core.Filtering;

/// <summary>
/// Checks a parsed filter against the schemas of a resource type (RFC 7644 §3.4.2.2 and §3.12): every attribute
/// must exist, and each operator and value must suit the attribute's type. A filter that fails is 400
/// <c>invalidFilter</c>, "the specified attribute and filter comparison combination is not supported".
/// </summary>
public static class ScimFilterValidator
{
    /// <summary>Validates <paramref name="filter"/> for resources of <paramref name="resourceType"/>.</summary>
    /// <param name="filter">The parsed filter.</param>
    /// <param name="registry">The schemas.</param>
    /// <param name="resourceType">The resource type the filter selects from.</param>
    /// <exception cref="ScimException">An attribute is unknown, or an operator or value does not suit its type (<c>invalidFilter</c>).</exception>
    public static void Validate(ScimFilter filter, SchemaRegistry registry, ResourceType resourceType) =>
        Bind(filter, registry, resourceType);

    /// <summary>
    /// Validates <paramref name="filter"/> and returns it with every extension attribute qualified by its schema URN
    /// (<c>employeeNumber</c> becomes <c>urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber</c>),
    /// which is where the attribute lives in the resource JSON. Bind once per query, then evaluate per resource.
    /// </summary>
    /// <param name="filter">The parsed filter.</param>
    /// <param name="registry">The schemas.</param>
    /// <param name="resourceType">The resource type the filter selects from.</param>
    /// <returns>The bound filter (the same instance when nothing needed qualifying).</returns>
    /// <exception cref="ScimException">An attribute is unknown, or an operator or value does not suit its type (<c>invalidFilter</c>).</exception>
    public static ScimFilter Bind(ScimFilter filter, SchemaRegistry registry, ResourceType resourceType)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(resourceType);
        return Check(filter, registry, resourceType, parent: null);
    }

    private static ScimFilter Check(ScimFilter filter, SchemaRegistry registry, ResourceType type, AttributePath? parent)
    {
        switch (filter)
        {
            case ComparisonFilter comparison:
                var compared = Resolve(registry, type, comparison.Attribute, parent);
                CheckComparison(comparison, compared);
                return Qualify(comparison.Attribute, compared, parent) is { } qualifiedComparison
                    ? comparison with { Attribute = qualifiedComparison }
                    : comparison;
            case PresentFilter present:
                return Qualify(present.Attribute, Resolve(registry, type, present.Attribute, parent), parent) is { } qualifiedPresent
                    ? present with { Attribute = qualifiedPresent }
                    : present;
            case NotFilter not:
                var operand = Check(not.Operand, registry, type, parent);
                return ReferenceEquals(operand, not.Operand) ? not : not with { Operand = operand };
            case LogicalFilter logical:
                var operands = logical.Operands.Select(o => Check(o, registry, type, parent)).ToImmutableArray();
                return operands.Where((o, i) => !ReferenceEquals(o, logical.Operands[i])).Any() ? logical with { Operands = operands } : logical;
            case ValuePathFilter valuePath:
                var resolved = Resolve(registry, type, valuePath.Attribute, parent);
                if (resolved.Attribute.Type != AttributeType.Complex)
                {
                    throw Invalid($"'{valuePath.Attribute}' is not a complex attribute, so it takes no value filter");
                }

                var inner = Check(valuePath.Filter, registry, type, valuePath.Attribute);
                var attribute = Qualify(valuePath.Attribute, resolved, parent) ?? valuePath.Attribute;
                return ReferenceEquals(inner, valuePath.Filter) && ReferenceEquals(attribute, valuePath.Attribute)
                    ? valuePath
                    : new ValuePathFilter(attribute, inner);
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter.GetType(), "Unknown filter node.");
        }
    }

    /// <summary>The path qualified with its extension's URN, or null when it is already where it should be.</summary>
    private static AttributePath? Qualify(AttributePath path, ResolvedAttribute resolved, AttributePath? parent) =>
        parent is null && resolved.IsExtension && path.SchemaUrn is null
            ? new AttributePath(resolved.Schema.Id, path.AttributeName, path.ValueFilter, path.SubAttributeName)
            : null;

    private static ResolvedAttribute Resolve(SchemaRegistry registry, ResourceType type, AttributePath path, AttributePath? parent)
    {
        if (parent is not null && (path.SchemaUrn is not null || path.SubAttributeName is not null))
        {
            throw Invalid($"'{path}' inside the value filter of '{parent}' must be a plain sub-attribute name");
        }

        var full = parent is null ? path : new AttributePath(parent.SchemaUrn, parent.AttributeName, null, path.AttributeName);
        return registry.TryResolve(type, full, out var resolved, out var problem) ? resolved : throw Invalid(problem);
    }

    private static void CheckComparison(ComparisonFilter comparison, ResolvedAttribute resolved)
    {
        var target = resolved.Target;
        var path = comparison.Attribute;
        if (target.Type == AttributeType.Complex)
        {
            // "emails co ..." compares the value sub-attribute (RFC 7644 §3.4.2.2 example).
            target = target.FindSubAttribute("value")
                ?? throw Invalid($"'{path}' is complex; compare one of its sub-attributes");
        }

        var value = comparison.Value;
        var op = comparison.Operator;
        if (value.Kind == ComparisonValueKind.Null)
        {
            return;
        }

        var ordering = op is ComparisonOperator.GreaterThan or ComparisonOperator.GreaterThanOrEqual
            or ComparisonOperator.LessThan or ComparisonOperator.LessThanOrEqual;
        var substring = op is ComparisonOperator.Contains or ComparisonOperator.StartsWith or ComparisonOperator.EndsWith;
        switch (target.Type)
        {
            case AttributeType.Boolean:
                if (ordering || substring)
                {
                    throw Invalid($"'{path}' is a boolean; it compares only with eq and ne");
                }

                if (!value.IsBoolean)
                {
                    throw Invalid($"'{path}' is a boolean; compare it with true or false, not {value}");
                }

                break;
            case AttributeType.Binary when ordering:
                throw Invalid($"'{path}' is binary; gt, ge, lt and le do not apply");
            case AttributeType.Integer or AttributeType.Decimal:
                if (substring)
                {
                    throw Invalid($"'{path}' is a number; co, sw and ew match strings");
                }

                if (value.Kind != ComparisonValueKind.Number)
                {
                    throw Invalid($"'{path}' is a number; compare it with a number, not {value}");
                }

                break;
            case AttributeType.DateTime:
                if (value.Kind != ComparisonValueKind.String || (!substring && !ScimDateTime.TryParse(value.Text, out _)))
                {
                    throw Invalid($"'{path}' is a dateTime; compare it with a date such as \"2011-05-13T04:42:34Z\", not {value}");
                }

                break;
            default:
                if (value.Kind != ComparisonValueKind.String)
                {
                    throw Invalid($"'{path}' is a {target.Type.ToString().ToLowerInvariant()}; compare it with a string, not {value}");
                }

                break;
        }
    }

    private static ScimException Invalid(string detail) => ScimException.InvalidFilter($"Invalid filter: {detail}.");
}
