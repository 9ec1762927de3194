using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Scim.Core.Errors;
using Scim.Core.Filtering;
using Scim.Core.Filtering.Evaluation;
using Scim.Core.Paths;

namespace Scim.Core.Querying.Linq;

/// <summary>
/// Turns a <see cref="ScimFilter"/> into a predicate body over mapped members, with the semantics of
/// <see cref="ScimFilterEvaluator"/>, using only what EF Core translates to SQL: comparisons, <c>&amp;&amp;</c>,
/// <c>||</c>, <c>!</c>, <see cref="string"/>'s <c>ToLower</c>, <c>ToUpper</c>, <c>Contains</c>, <c>StartsWith</c>,
/// <c>EndsWith</c> and <c>Compare</c>, and <see cref="Enumerable.Any{TSource}(IEnumerable{TSource})"/> over child collections.
/// </summary>
internal sealed class FilterTranslator(CaseInsensitiveStrategy caseInsensitive)
{
    private static readonly MethodInfo ToLowerMethod = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
    private static readonly MethodInfo ToUpperMethod = typeof(string).GetMethod(nameof(string.ToUpper), Type.EmptyTypes)!;
    private static readonly MethodInfo ContainsMethod = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    private static readonly MethodInfo StartsWithMethod = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
    private static readonly MethodInfo EndsWithMethod = typeof(string).GetMethod(nameof(string.EndsWith), [typeof(string)])!;
    private static readonly MethodInfo CompareMethod = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
    private static readonly Expression NullString = Expression.Constant(null, typeof(string));
    private static readonly Expression EmptyString = Expression.Constant(string.Empty);
    private static readonly Expression Zero = Expression.Constant(0);

    public Expression Translate(ScimFilter filter, Scope scope)
    {
        switch (filter)
        {
            case ComparisonFilter comparison:
                return Comparison(comparison, scope);
            case PresentFilter present:
                return Present(present.Attribute, scope);
            case LogicalFilter logical:
                var and = logical is AndFilter;
                Expression? body = null;
                foreach (var operand in logical.Operands)
                {
                    var next = Translate(operand, scope);
                    body = body is null ? next : and ? Expression.AndAlso(body, next) : Expression.OrElse(body, next);
                }

                return body ?? Expression.Constant(and);
            case NotFilter not:
                return Expression.Not(Translate(not.Operand, scope));
            case ValuePathFilter valuePath:
                return ValuePath(valuePath, scope);
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter.GetType(), "Unknown filter node.");
        }
    }

    /// <summary><c>pr</c>: not null, and for strings not empty; a non-nullable value type is always present.</summary>
    public static Expression Present(LeafMapping leaf, Expression member) =>
        leaf.Kind == LeafKind.String ? Expression.AndAlso(Expression.NotEqual(member, NullString), Expression.NotEqual(member, EmptyString))
        : leaf.IsNullable ? Expression.NotEqual(member, Expression.Constant(null, leaf.Type))
        : Expression.Constant(true);

    /// <summary>Whether the query folds strings of <paramref name="leaf"/> to one case, and the method that folds them.</summary>
    public MethodInfo? Folding(LeafMapping leaf) =>
        leaf.Kind != LeafKind.String || leaf.CaseExact || leaf.Folded is not null ? null
        : caseInsensitive switch
        {
            CaseInsensitiveStrategy.ToLower => ToLowerMethod,
            CaseInsensitiveStrategy.ToUpper => ToUpperMethod,
            _ => null,
        };

    /// <summary>
    /// The mapping a path names in <paramref name="scope"/>: a member of the owner, or a member of the elements of a
    /// child collection (<see cref="Target.Collection"/>), or a child collection itself (no <see cref="Target.Leaf"/>).
    /// A complex attribute named without a sub-attribute stands for its <c>value</c> sub-attribute.
    /// </summary>
    public static Target? Resolve(AttributePath path, Scope scope)
    {
        var parent = scope.Complex ?? scope.Container;
        if (parent is not null && (path.SchemaUrn is not null || path.SubAttributeName is not null))
        {
            return null;
        }

        var full = scope.Complex is { } complex ? new AttributePath(complex.SchemaUrn, complex.AttributeName, null, path.AttributeName) : path;
        var table = scope.Table;
        var (urn, name, sub) = (full.SchemaUrn, full.AttributeName, full.SubAttributeName);
        if (table.Find(urn, name, sub) is LeafMapping leaf)
        {
            return new Target(leaf, null);
        }

        if (sub is not null)
        {
            return table.Find(urn, name, null) is CollectionMapping collection && collection.Elements.Find(null, sub, null) is LeafMapping element
                ? new Target(element, collection)
                : null;
        }

        if (table.Find(urn, name, null) is CollectionMapping whole)
        {
            return new Target(whole.Elements.Find(null, "value", null) as LeafMapping, whole);
        }

        return table.Find(urn, name, "value") is LeafMapping value ? new Target(value, null) : null;
    }

    private static ScimException Unmapped(AttributePath path, Scope scope) =>
        ScimException.InvalidFilter($"The filter attribute '{scope.Name(path)}' cannot be used for searching.");

    private static ScimException Invalid(ComparisonFilter comparison, Scope scope, string reason) =>
        ScimException.InvalidFilter($"Invalid filter '{comparison}': '{scope.Name(comparison.Attribute)}' {reason}.");

    private Expression Comparison(ComparisonFilter comparison, Scope scope)
    {
        var path = comparison.Attribute;
        var target = Resolve(path, scope) ?? throw Unmapped(path, scope);
        if (target.Leaf is not { } leaf)
        {
            throw Unmapped(new AttributePath(path.SchemaUrn, path.AttributeName, null, "value"), scope);
        }

        if (target.Collection is not { } collection)
        {
            return Compare(leaf, leaf.Access(scope.Owner), comparison.Operator, comparison, scope);
        }

        // Over a collection "ne" is "no element is equal", as the evaluator negates "eq" on the whole attribute.
        if (comparison.Value.Kind == ComparisonValueKind.Null)
        {
            var anyPresent = collection.Any(scope.Owner, e => Present(leaf, leaf.Access(e)));
            return comparison.Operator == ComparisonOperator.NotEqual ? anyPresent : Expression.Not(anyPresent);
        }

        if (comparison.Operator == ComparisonOperator.NotEqual)
        {
            return Expression.Not(collection.Any(scope.Owner, e => Compare(leaf, leaf.Access(e), ComparisonOperator.Equal, comparison, scope)));
        }

        return collection.Any(scope.Owner, e => Compare(leaf, leaf.Access(e), comparison.Operator, comparison, scope));
    }

    private static Expression Present(AttributePath path, Scope scope)
    {
        if (Resolve(path, scope) is { } target)
        {
            return target switch
            {
                { Collection: { } collection } when path.SubAttributeName is null => collection.Any(scope.Owner, null),
                { Collection: { } collection, Leaf: { } element } => collection.Any(scope.Owner, e => Present(element, element.Access(e))),
                { Leaf: { } leaf } => Present(leaf, leaf.Access(scope.Owner)),
                _ => throw Unmapped(path, scope),
            };
        }

        // "name pr" with name.familyName and name.givenName mapped: one of them is present.
        return path.SubAttributeName is null && scope.Complex is null && scope.Container is null
            && ComplexPresent(path, scope, nonEmpty: true) is { } present
            ? present
            : throw Unmapped(path, scope);
    }

    /// <summary>
    /// Whether a complex attribute mapped flat has a value: one of its sub-attributes is present (<c>pr</c>), or, with
    /// <paramref name="nonEmpty"/> false, not null (the attribute would appear in JSON, holding an empty string).
    /// </summary>
    private static Expression? ComplexPresent(AttributePath path, Scope scope, bool nonEmpty)
    {
        Expression? present = null;
        foreach (var sub in scope.Table.SubAttributesOf(path.SchemaUrn, path.AttributeName))
        {
            var member = sub.Access(scope.Owner);
            var next = nonEmpty ? Present(sub, member)
                : sub.IsNullable ? Expression.NotEqual(member, Expression.Constant(null, sub.Type))
                : Expression.Constant(true);
            present = present is null ? next : Expression.OrElse(present, next);
        }

        return present;
    }

    private Expression ValuePath(ValuePathFilter valuePath, Scope scope)
    {
        var path = valuePath.Attribute;
        if (scope.Complex is not null || scope.Container is not null)
        {
            throw Unmapped(path, scope);
        }

        if (scope.Table.Find(path.SchemaUrn, path.AttributeName, null) is CollectionMapping collection)
        {
            return collection.Any(scope.Owner, e => Translate(valuePath.Filter, new Scope(collection.Elements, e, null, path)));
        }

        // A single-valued complex attribute mapped flat (name.familyName, name.givenName): the filter applies to it when it
        // has a value at all, as the evaluator skips a missing complex attribute.
        var exists = ComplexPresent(path, scope, nonEmpty: false) ?? throw Unmapped(path, scope);
        return Expression.AndAlso(exists, Translate(valuePath.Filter, scope with { Complex = path }));
    }

    private Expression Compare(LeafMapping leaf, Expression member, ComparisonOperator op, ComparisonFilter comparison, Scope scope)
    {
        var value = comparison.Value;
        if (value.Kind == ComparisonValueKind.Null)
        {
            // As the evaluator: "ne null" is present, any other operator with null is "not present".
            var present = Present(leaf, member);
            return comparison.Operator == ComparisonOperator.NotEqual ? present : Expression.Not(present);
        }

        if (op == ComparisonOperator.NotEqual)
        {
            return Expression.Not(Compare(leaf, member, ComparisonOperator.Equal, comparison, scope));
        }

        if (leaf.Kind == LeafKind.String)
        {
            return CompareStrings(leaf, member, op, comparison, scope);
        }

        var ordering = op is ComparisonOperator.GreaterThan or ComparisonOperator.GreaterThanOrEqual
            or ComparisonOperator.LessThan or ComparisonOperator.LessThanOrEqual;
        object? converted = leaf.Kind switch
        {
            LeafKind.Boolean when value.IsBoolean && op == ComparisonOperator.Equal => value.Kind == ComparisonValueKind.True,
            LeafKind.Number when value.Kind == ComparisonValueKind.Number && (ordering || op == ComparisonOperator.Equal) => ToNumber(value.Number, leaf.ValueType),
            LeafKind.DateTime when value.Kind == ComparisonValueKind.String && (ordering || op == ComparisonOperator.Equal) => ToDateTime(value.Text!, leaf.ValueType),
            LeafKind.Guid when value.Kind == ComparisonValueKind.String && op == ComparisonOperator.Equal && Guid.TryParse(value.Text, out var guid) => guid,
            LeafKind.Enum when value.Kind == ComparisonValueKind.String && op == ComparisonOperator.Equal => ToEnum(value.Text!, leaf.ValueType),
            _ => null,
        };

        if (converted is null)
        {
            throw Invalid(comparison, scope, leaf.Kind switch
            {
                LeafKind.Boolean => "is a boolean; compare it with true or false, using eq or ne",
                LeafKind.Number when IsIntegral(leaf.ValueType) => "is an integer; compare it with a whole number in its range, using eq, ne, gt, ge, lt or le",
                LeafKind.Number => "is a number; compare it with a number, using eq, ne, gt, ge, lt or le",
                LeafKind.DateTime => "is a dateTime; compare it with a date such as \"2011-05-13T04:42:34Z\", using eq, ne, gt, ge, lt or le",
                LeafKind.Guid => "is a GUID; compare it with a GUID string, using eq or ne",
                _ => $"takes one of {string.Join(", ", Enum.GetNames(leaf.ValueType))}; compare it using eq or ne",
            });
        }

        var right = leaf.Capture(converted);
        return op switch
        {
            ComparisonOperator.Equal => Expression.Equal(member, right),
            ComparisonOperator.GreaterThan => Expression.GreaterThan(member, right),
            ComparisonOperator.GreaterThanOrEqual => Expression.GreaterThanOrEqual(member, right),
            ComparisonOperator.LessThan => Expression.LessThan(member, right),
            _ => Expression.LessThanOrEqual(member, right),
        };
    }

    private Expression CompareStrings(LeafMapping leaf, Expression member, ComparisonOperator op, ComparisonFilter comparison, Scope scope)
    {
        if (comparison.Value.Kind != ComparisonValueKind.String)
        {
            throw Invalid(comparison, scope, "is a string; compare it with a string");
        }

        var fold = Folding(leaf);
        var text = comparison.Value.Text!;
        var left = fold is null ? member : Expression.Call(member, fold);
        // The value is folded as the member is: by the query (fold), or already in the data (a folded mapping).
        var right = Captured.Of((leaf.Folded ?? (fold is null ? null : caseInsensitive)) switch
        {
            CaseInsensitiveStrategy.ToLower => text.ToLowerInvariant(),
            CaseInsensitiveStrategy.ToUpper => text.ToUpperInvariant(),
            _ => text,
        });
        Expression body = op switch
        {
            ComparisonOperator.Equal => Expression.Equal(left, right),
            ComparisonOperator.Contains => Expression.Call(left, ContainsMethod, right),
            ComparisonOperator.StartsWith => Expression.Call(left, StartsWithMethod, right),
            ComparisonOperator.EndsWith => Expression.Call(left, EndsWithMethod, right),
            ComparisonOperator.GreaterThan => Expression.GreaterThan(Expression.Call(CompareMethod, left, right), Zero),
            ComparisonOperator.GreaterThanOrEqual => Expression.GreaterThanOrEqual(Expression.Call(CompareMethod, left, right), Zero),
            ComparisonOperator.LessThan => Expression.LessThan(Expression.Call(CompareMethod, left, right), Zero),
            _ => Expression.LessThanOrEqual(Expression.Call(CompareMethod, left, right), Zero),
        };

        // Plain equality is false for null already; everything else would call a method on null in memory, or (Compare)
        // order null before every string.
        return op == ComparisonOperator.Equal && fold is null ? body : Expression.AndAlso(Expression.NotEqual(member, NullString), body);
    }

    private static object? ToNumber(decimal number, Type type)
    {
        try
        {
            return IsIntegral(type) && decimal.Truncate(number) != number ? null : Convert.ChangeType(number, type, CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static bool IsIntegral(Type type) => type == typeof(int) || type == typeof(long) || type == typeof(short);

    private static object? ToDateTime(string text, Type type) =>
        !ScimDateTime.TryParse(text, out var time) ? null
        : type == typeof(DateTime) ? time.UtcDateTime
        : (object)time;

    /// <summary>An enum member by name, ignoring case; numbers and combinations of flags are not names.</summary>
    private static object? ToEnum(string text, Type type) =>
        Enum.TryParse(type, text, ignoreCase: true, out var parsed)
        && string.Equals(Enum.GetName(type, parsed!), text, StringComparison.OrdinalIgnoreCase)
            ? parsed
            : null;
}

/// <summary>What a filter path resolves to; see <see cref="FilterTranslator.Resolve"/>.</summary>
/// <param name="Leaf">The member compared, or <see langword="null"/> for a collection without a mapped <c>value</c>.</param>
/// <param name="Collection">The child collection whose elements hold <paramref name="Leaf"/>, or <see langword="null"/>.</param>
internal sealed record Target(LeafMapping? Leaf, CollectionMapping? Collection);

/// <summary>Where filter paths are resolved.</summary>
/// <param name="Table">The mappings of the owner's type.</param>
/// <param name="Owner">The owner: the predicate's parameter, or an element of a child collection.</param>
/// <param name="Complex">Inside <c>name[...]</c> over flat mappings (<c>name.familyName</c>): <c>name</c>.</param>
/// <param name="Container">Inside <c>emails[...]</c> over a child collection: <c>emails</c>, for naming paths in errors.</param>
internal readonly record struct Scope(MappingTable Table, Expression Owner, AttributePath? Complex, AttributePath? Container)
{
    public string Name(AttributePath path) =>
        (Complex ?? Container) is { } parent && path.SchemaUrn is null && path.SubAttributeName is null
            ? new AttributePath(parent.SchemaUrn, parent.AttributeName, null, path.AttributeName).ToString()
            : path.ToString();
}
