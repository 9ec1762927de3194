using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Filtering.Evaluation;
using Scim.Core.Paths;
using Scim.Core.Resources;
using Scim.Core.Schema;

namespace Scim.Core.Querying;

/// <summary>
/// Orders resources by <c>sortBy</c> and <c>sortOrder</c> (RFC 7644 §3.4.2.3), for stores that cannot sort natively.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Values compare by the attribute's type: strings ordinally, ignoring case unless the attribute is
/// <c>caseExact</c> (Unicode order, no locale); dateTimes chronologically; integers and decimals numerically;
/// booleans <c>false</c> before <c>true</c>.</item>
/// <item>A multi-valued attribute sorts by its <c>primary</c> value if one has a value, else by the first value that
/// has one. A complex attribute named without a sub-attribute sorts by its <c>value</c> sub-attribute
/// (<c>sortBy=emails</c> is <c>emails.value</c>).</item>
/// <item>A resource with no value, or a value of the wrong kind (a date that does not parse), sorts last when
/// ascending and first when descending, as the RFC requires.</item>
/// <item>Ties are broken by <c>id</c>, ordinally and ascending in either direction, so that pages are stable.</item>
/// </list>
/// </remarks>
public static class ResourceComparer
{
    /// <summary>Creates a comparer for resources of one type.</summary>
    /// <remarks>
    /// RFC 7644 §3.4.2.3 names no error for a <c>sortBy</c> the server cannot use. This reports
    /// <c>invalidValue</c> (RFC 7644 §3.12: "the value specified was not compatible with the ... resource schema"),
    /// since <c>invalidFilter</c> and <c>invalidPath</c> are defined for the filter and the PATCH path. Sorting by an
    /// attribute that is never returned (<c>password</c>) is refused too: the order would disclose it.
    /// </remarks>
    /// <param name="registry">The registry that defines the resource type's schemas.</param>
    /// <param name="type">The resource type of the resources to compare.</param>
    /// <param name="sortBy">The attribute to sort by, e.g. <c>name.familyName</c> or <c>meta.lastModified</c>.</param>
    /// <param name="descending">Whether <c>sortOrder</c> is <c>descending</c>.</param>
    /// <returns>The comparer.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ScimException">
    /// <paramref name="sortBy"/> is not an attribute of the resource type, has a value filter, names a complex attribute
    /// that has no <c>value</c> sub-attribute, or names an attribute that is never returned (400 <c>invalidValue</c>).
    /// </exception>
    public static IComparer<ScimResource> Create(SchemaRegistry registry, ResourceType type, AttributePath sortBy, bool descending) =>
        CreateKeyed(registry, type, sortBy, descending);

    /// <summary>As <see cref="Create"/>, with access to the sort key, which a keyset cursor remembers.</summary>
    internal static Comparer CreateKeyed(SchemaRegistry registry, ResourceType type, AttributePath sortBy, bool descending)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(sortBy);
        if (sortBy.ValueFilter is not null)
        {
            throw Invalid($"'{sortBy}' has a value filter; sortBy takes an attribute name such as 'emails.value'");
        }

        if (!registry.TryResolve(type, sortBy, out var resolved, out var problem))
        {
            throw Invalid(problem);
        }

        var attribute = resolved.Attribute;
        var sub = resolved.SubAttribute;
        if (sub is null && attribute.Type == AttributeType.Complex)
        {
            sub = attribute.FindSubAttribute("value")
                ?? throw Invalid($"'{sortBy}' is complex; sort by one of its sub-attributes, e.g. '{sortBy}.{attribute.SubAttributes.FirstOrDefault()?.Name ?? "value"}'");
        }

        if (IsNeverReturned(attribute) || (sub is not null && IsNeverReturned(sub)))
        {
            throw Invalid($"'{sortBy}' is never returned, so resources cannot be sorted by it");
        }

        return new Comparer(resolved.IsExtension ? resolved.Schema.Id : null, attribute, sub, descending);
    }

    private static bool IsNeverReturned(SchemaAttribute attribute) =>
        attribute.Returned == Returned.Never || attribute.Mutability == Mutability.WriteOnly;

    private static ScimException Invalid(string detail) => new(ScimError.InvalidValue($"sortBy: {detail}."));

    /// <summary>The order of one <c>sortBy</c>; a resource can also be placed against a remembered (key, id) pair.</summary>
    internal sealed class Comparer(string? extension, SchemaAttribute attribute, SchemaAttribute? sub, bool descending) : IComparer<ScimResource>
    {
        private const int ScratchLength = 256;
        private readonly AttributeType _type = (sub ?? attribute).Type;
        private readonly StringComparison _strings = (sub ?? attribute).CaseExact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

        public int Compare(ScimResource? x, ScimResource? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null || y is null)
            {
                return x is null ? -1 : 1;
            }

            return CompareToKey(x, SortValue(y.Json), y.Id);
        }

        /// <summary>The value <paramref name="resource"/> sorts by, or <see langword="null"/> when it has none.</summary>
        public JsonValue? KeyOf(ScimResource resource) => SortValue(resource.Json);

        /// <summary>Where <paramref name="x"/> sorts relative to a resource that had sort value <paramref name="key"/> and id <paramref name="id"/>.</summary>
        public int CompareToKey(ScimResource x, JsonValue? key, string? id)
        {
            var order = CompareValues(SortValue(x.Json), key);
            return order != 0 ? (descending ? -order : order) : string.CompareOrdinal(x.Id, id);
        }

        /// <summary>Ascending order, a missing value last.</summary>
        private int CompareValues(JsonValue? left, JsonValue? right)
        {
            switch (_type)
            {
                case AttributeType.Boolean:
                    return Order(Flag(left), Flag(right));
                case AttributeType.Integer or AttributeType.Decimal:
                    return Order(Number(left), Number(right));
            }

            Span<char> leftScratch = stackalloc char[ScratchLength];
            Span<char> rightScratch = stackalloc char[ScratchLength];
            scoped ReadOnlySpan<char> leftText = default;
            scoped ReadOnlySpan<char> rightText = default;
            var hasLeft = left is not null && JsonLeaf.TryGetString(left, leftScratch, out leftText);
            var hasRight = right is not null && JsonLeaf.TryGetString(right, rightScratch, out rightText);
            if (_type == AttributeType.DateTime)
            {
                return Order(
                    hasLeft && ScimDateTime.TryParse(leftText, out var leftTime) ? leftTime : (DateTimeOffset?)null,
                    hasRight && ScimDateTime.TryParse(rightText, out var rightTime) ? rightTime : (DateTimeOffset?)null);
            }

            if (!hasLeft || !hasRight)
            {
                return hasLeft == hasRight ? 0 : hasLeft ? -1 : 1;
            }

            return leftText.CompareTo(rightText, _strings);
        }

        private static int Order<T>(T? left, T? right)
            where T : struct, IComparable<T> =>
            left is null ? (right is null ? 0 : 1)
            : right is null ? -1
            : left.Value.CompareTo(right.Value);

        private static int? Flag(JsonValue? value) => value?.GetValueKind() switch
        {
            JsonValueKind.False => 0,
            JsonValueKind.True => 1,
            _ => null,
        };

        private static decimal? Number(JsonValue? value) =>
            value is not null && JsonLeaf.TryGetNumber(value, out var number) ? number : null;

        /// <summary>The value to sort by: of the single value, or of the primary value, else the first with one.</summary>
        private JsonValue? SortValue(JsonObject resource)
        {
            var scope = extension is null ? resource : JsonLeaf.Find(resource, extension) as JsonObject;
            var node = scope is null ? null : JsonLeaf.Find(scope, attribute.Name);
            if (node is not JsonArray values)
            {
                var single = sub is null ? node : node is JsonObject complex ? JsonLeaf.Find(complex, sub.Name) : null;
                return JsonLeaf.IsPresent(single) ? single as JsonValue : null;
            }

            JsonNode? first = null;
            foreach (var item in values)
            {
                var leaf = sub is null ? item : item is JsonObject element ? JsonLeaf.Find(element, sub.Name) : null;
                if (!JsonLeaf.IsPresent(leaf))
                {
                    continue;
                }

                if (item is JsonObject candidate && JsonLeaf.Find(candidate, "primary") is JsonValue primary && primary.GetValueKind() == JsonValueKind.True)
                {
                    return leaf as JsonValue;
                }

                first ??= leaf;
            }

            return first as JsonValue;
        }
    }
}
