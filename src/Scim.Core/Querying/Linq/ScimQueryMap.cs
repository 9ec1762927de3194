using System.Linq.Expressions;
using Scim.Core.Errors;
using Scim.Core.Filtering;
using Scim.Core.Paths;

namespace Scim.Core.Querying.Linq;

/// <summary>
/// Maps SCIM attribute paths to members of an entity of your own, so that filters and <c>sortBy</c> become LINQ
/// expressions a LINQ provider such as EF Core runs in the database.
/// </summary>
/// <remarks>
/// <para>
/// Configure a map once and share it: building is not thread-safe, translating is.
/// </para>
/// <code>
/// var map = new ScimQueryMap&lt;UserEntity&gt;()
///     .Map("id", u =&gt; u.Id)
///     .Map("userName", u =&gt; u.UserName)
///     .Map("meta.lastModified", u =&gt; u.LastModified)
///     .MapCollection("emails", u =&gt; u.Emails, e =&gt; e
///         .Map("value", x =&gt; x.Value)
///         .Map("type", x =&gt; x.Type))
///     .Map("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", u =&gt; u.EmployeeNumber);
/// var users = map.ApplySort(db.Users.Where(map.ToPredicate(filter)), sortBy, descending);
/// </code>
/// <para>
/// The semantics are those of <see cref="ScimFilterEvaluator"/>, as far as a query can express them:
/// </para>
/// <list type="bullet">
/// <item>Attribute names match case-insensitively. A path qualified with an <c>urn:ietf:params:scim:schemas:core:</c> URN
/// (or the map's <see cref="CoreSchema"/>) names the unqualified attribute; an unqualified name that only one extension
/// maps names that extension's attribute.</item>
/// <item>A complex attribute named without a sub-attribute stands for its <c>value</c> sub-attribute
/// (<c>emails co "@example.com"</c>). A comparison through a child collection holds when some element matches
/// (<c>Any</c>); a value filter (<c>emails[type eq "work" and value co "@example.com"]</c>) needs one and the same
/// element to satisfy all of it.</item>
/// <item><c>ne</c> is the negation of <c>eq</c>, so it matches null members and, over a collection, holds when no
/// element is equal. <c>eq null</c> is "not present", <c>ne null</c> is "present".</item>
/// <item><c>pr</c>: not null, for strings not empty, for a child collection not empty; a non-nullable value type is always
/// present.</item>
/// <item>Strings compare ignoring case unless mapped <c>caseExact</c>, as <see cref="CaseInsensitiveStrategy"/> says:
/// <c>co</c>, <c>sw</c>, <c>ew</c> become <c>Contains</c>, <c>StartsWith</c>, <c>EndsWith</c>, and <c>gt</c>, <c>ge</c>,
/// <c>lt</c>, <c>le</c> become <c>string.Compare(a, b) &gt; 0</c> and so on, ordered by the database's collation.</item>
/// <item>A filter value is converted to the member's type: numbers to <see cref="int"/>, <see cref="long"/>,
/// <see cref="short"/>, <see cref="decimal"/>, <see cref="double"/> or <see cref="float"/>; <c>true</c> and <c>false</c> to
/// <see cref="bool"/>; dateTime strings to <see cref="DateTimeOffset"/> or (as UTC) <see cref="DateTime"/>; strings to
/// <see cref="Guid"/> or to an enum member by name. Values become query parameters, not SQL literals, so one compiled
/// query serves every value.</item>
/// </list>
/// </remarks>
/// <typeparam name="T">The entity type.</typeparam>
public sealed class ScimQueryMap<T>
{
    /// <summary>Creates an empty map.</summary>
    public ScimQueryMap()
    {
        Table = new MappingTable(null);
    }

    /// <summary>Creates an empty map for a resource type whose core schema is not one of RFC 7643's.</summary>
    /// <param name="coreSchema">The core schema URN, e.g. <c>urn:example:params:scim:schemas:core:1.0:Device</c>; paths qualified with it name unqualified attributes.</param>
    /// <exception cref="ArgumentException"><paramref name="coreSchema"/> is null or empty.</exception>
    public ScimQueryMap(string coreSchema)
    {
        ArgumentException.ThrowIfNullOrEmpty(coreSchema);
        CoreSchema = coreSchema;
        Table = new MappingTable(coreSchema);
    }

    /// <summary>The core schema URN given to the constructor, if any.</summary>
    public string? CoreSchema { get; }

    internal MappingTable Table { get; }

    /// <summary>Maps a single-valued attribute, or a sub-attribute of a single-valued complex attribute, to a member.</summary>
    /// <typeparam name="TValue">
    /// The member's type: <see cref="string"/>, <see cref="bool"/>, <see cref="int"/>, <see cref="long"/>, <see cref="short"/>,
    /// <see cref="decimal"/>, <see cref="double"/>, <see cref="float"/>, <see cref="DateTimeOffset"/>, <see cref="DateTime"/>,
    /// <see cref="Guid"/>, an enum (filtered by member name), or one of these made nullable.
    /// </typeparam>
    /// <param name="path">
    /// The attribute path, e.g. <c>userName</c>, <c>name.familyName</c>, <c>meta.lastModified</c> or
    /// <c>urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber</c>.
    /// </param>
    /// <param name="member">The member, e.g. <c>u =&gt; u.UserName</c>; any expression the LINQ provider translates.</param>
    /// <param name="caseExact">
    /// Whether strings compare case-sensitively (RFC 7643 <c>caseExact</c>). By default only <c>id</c> is case-exact, as
    /// <see cref="ScimFilterEvaluator"/> assumes without schemas.
    /// </param>
    /// <returns>This map.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="member"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="path"/> is not an attribute path or has a value filter, is already mapped, or <typeparamref name="TValue"/>
    /// is not a supported type.
    /// </exception>
    public ScimQueryMap<T> Map<TValue>(string path, Expression<Func<T, TValue>> member, bool? caseExact = null)
    {
        ArgumentNullException.ThrowIfNull(member);
        var attribute = ParseMappedPath(path);
        var kind = KindOf(typeof(TValue))
            ?? throw new ArgumentException($"'{path}' cannot be mapped to a member of type {typeof(TValue)}: filters compare strings, numbers, booleans, dates, GUIDs and enums.", nameof(member));
        var exact = caseExact ?? (attribute.SchemaUrn is null && attribute.SubAttributeName is null
            && string.Equals(attribute.AttributeName, "id", StringComparison.OrdinalIgnoreCase));
        Table.Add(new LeafMapping<T, TValue>(attribute, member, kind, exact));
        return this;
    }

    /// <summary>
    /// Maps a string attribute that is not <c>caseExact</c> to a member that holds its value folded to one case already:
    /// <c>ToUpperInvariant()</c> or <c>ToLowerInvariant()</c> of it, as <paramref name="folding"/> says (a key column
    /// written with the row, say).
    /// </summary>
    /// <remarks>
    /// Filters compare the member as it is with the filter value folded the same way in .NET, and sorts order by the
    /// member, whatever strategy <see cref="ToPredicate"/> is given. So a plain index on the member serves
    /// <c>eq</c> and <c>sw</c>, and case is ignored in every script, where a database's <c>lower()</c> may fold ASCII only.
    /// </remarks>
    /// <param name="path">The attribute path, e.g. <c>userName</c>.</param>
    /// <param name="member">The member holding the folded value, e.g. <c>u =&gt; u.UserNameKey</c>.</param>
    /// <param name="folding"><see cref="CaseInsensitiveStrategy.ToUpper"/> or <see cref="CaseInsensitiveStrategy.ToLower"/>: how the member's value was folded.</param>
    /// <returns>This map.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="member"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is not an attribute path or has a value filter, or is already mapped.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folding"/> is not <c>ToUpper</c> or <c>ToLower</c>.</exception>
    public ScimQueryMap<T> MapFolded(string path, Expression<Func<T, string>> member, CaseInsensitiveStrategy folding)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (folding is not (CaseInsensitiveStrategy.ToUpper or CaseInsensitiveStrategy.ToLower))
        {
            throw new ArgumentOutOfRangeException(nameof(folding), folding, "A folded member is folded ToUpper or ToLower.");
        }

        Table.Add(new LeafMapping<T, string>(ParseMappedPath(path), member, LeafKind.String, caseExact: false, folding));
        return this;
    }

    /// <summary>Maps a multi-valued complex attribute to a child collection, and its sub-attributes to members of the elements.</summary>
    /// <typeparam name="TElement">The element type.</typeparam>
    /// <param name="path">The attribute, e.g. <c>emails</c>.</param>
    /// <param name="collection">The collection, e.g. <c>u =&gt; u.Emails</c>; it must not be <see langword="null"/> when filtered in memory.</param>
    /// <param name="elements">Maps the sub-attributes, e.g. <c>e =&gt; e.Map("value", x =&gt; x.Value).Map("type", x =&gt; x.Type)</c>.</param>
    /// <returns>This map.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is not an attribute path, has a value filter or a sub-attribute, or is already mapped.</exception>
    public ScimQueryMap<T> MapCollection<TElement>(
        string path,
        Expression<Func<T, IEnumerable<TElement>>> collection,
        Action<ScimQueryMap<TElement>> elements)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(elements);
        var attribute = ParseMappedPath(path);
        if (attribute.SubAttributeName is not null)
        {
            throw new ArgumentException($"'{path}' has a sub-attribute; map the collection by its attribute name, e.g. 'emails'.", nameof(path));
        }

        var elementMap = new ScimQueryMap<TElement>();
        elements(elementMap);
        Table.Add(new CollectionMapping<T, TElement>(attribute, collection, elementMap.Table));
        return this;
    }

    /// <summary>Translates a filter into a predicate over the mapped members.</summary>
    /// <param name="filter">The parsed filter, e.g. from <see cref="ScimFilter.Parse(string)"/>.</param>
    /// <param name="caseInsensitive">How strings of attributes that are not <c>caseExact</c> ignore case.</param>
    /// <returns>The predicate, for <see cref="Queryable.Where{TSource}(IQueryable{TSource}, Expression{Func{TSource, bool}})"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> is <see langword="null"/>.</exception>
    /// <exception cref="ScimException">
    /// The filter names an attribute that is not mapped, compares a member with a value that does not convert to its type,
    /// or uses an operator the member's type does not support (400 <c>invalidFilter</c>, naming the attribute).
    /// </exception>
    public Expression<Func<T, bool>> ToPredicate(ScimFilter filter, CaseInsensitiveStrategy caseInsensitive = CaseInsensitiveStrategy.ToLower)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parameter = Expression.Parameter(typeof(T), "x");
        var body = new FilterTranslator(caseInsensitive).Translate(filter, new Scope(Table, parameter, null, null));
        return Expression.Lambda<Func<T, bool>>(body, parameter);
    }

    /// <summary>
    /// Orders a query by <c>sortBy</c> and <c>sortOrder</c> (RFC 7644 §3.4.2.3): missing values (null, and empty strings)
    /// last when ascending and first when descending, ties broken by <c>id</c> ascending when <c>id</c> is mapped.
    /// </summary>
    /// <remarks>
    /// Strings that are not <c>caseExact</c> sort folded as <paramref name="caseInsensitive"/> says, in the order of the
    /// database's collation; other values in the database's order (an enum stored as a number sorts by number).
    /// </remarks>
    /// <param name="query">The query, usually already filtered.</param>
    /// <param name="sortBy">The attribute to sort by, or <see langword="null"/> to sort by <c>id</c> alone (a stable order for paging).</param>
    /// <param name="descending">Whether <c>sortOrder</c> is <c>descending</c>.</param>
    /// <param name="caseInsensitive">How strings of attributes that are not <c>caseExact</c> ignore case.</param>
    /// <returns>The ordered query.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="sortBy"/> is <see langword="null"/> and <c>id</c> is not mapped.</exception>
    /// <exception cref="ScimException">
    /// <paramref name="sortBy"/> is not mapped, has a value filter, or names a multi-valued attribute (400 <c>invalidValue</c>).
    /// </exception>
    public IOrderedQueryable<T> ApplySort(
        IQueryable<T> query,
        AttributePath? sortBy,
        bool descending,
        CaseInsensitiveStrategy caseInsensitive = CaseInsensitiveStrategy.ToLower)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameter = Expression.Parameter(typeof(T), "x");
        var id = Table.Find(null, "id", null) as LeafMapping;
        if (sortBy is null)
        {
            return id is null
                ? throw new InvalidOperationException("Map 'id' to sort without sortBy.")
                : (IOrderedQueryable<T>)id.Order(query, id.Access(parameter), parameter, thenBy: false, descending: false);
        }

        if (sortBy.ValueFilter is not null)
        {
            throw new ScimException(ScimError.InvalidValue($"sortBy: '{sortBy}' has a value filter; sortBy takes an attribute name such as 'userName'."));
        }

        var target = FilterTranslator.Resolve(sortBy, new Scope(Table, parameter, null, null));
        if (target is not { Leaf: { } leaf, Collection: null })
        {
            throw new ScimException(ScimError.InvalidValue(target is null
                ? $"sortBy: the attribute '{sortBy}' cannot be used for sorting."
                : $"sortBy: '{sortBy}' is multi-valued; sorting by it is not supported."));
        }

        var member = leaf.Access(parameter);
        IOrderedQueryable<T>? ordered = null;
        if (leaf.IsNullable)
        {
            var missing = Expression.Lambda<Func<T, bool>>(Expression.Not(FilterTranslator.Present(leaf, member)), parameter);
            ordered = descending ? query.OrderByDescending(missing) : query.OrderBy(missing);
        }

        // Missing strings (null and "") sort as one value, so that the id decides among them.
        Expression key = member;
        if (leaf.Kind == LeafKind.String)
        {
            var fold = new FilterTranslator(caseInsensitive).Folding(leaf);
            key = Expression.Condition(FilterTranslator.Present(leaf, member), fold is null ? member : Expression.Call(member, fold), Expression.Constant(null, typeof(string)));
        }

        ordered = (IOrderedQueryable<T>)leaf.Order(ordered ?? query, key, parameter, thenBy: ordered is not null, descending);
        return id is null || ReferenceEquals(id, leaf)
            ? ordered
            : (IOrderedQueryable<T>)id.Order(ordered, id.Access(parameter), parameter, thenBy: true, descending: false);
    }

    private AttributePath ParseMappedPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!AttributePath.TryParse(path, out var attribute, out var error))
        {
            throw new ArgumentException($"'{path}' is not an attribute path: {error.Detail}", nameof(path));
        }

        return attribute.ValueFilter is null
            ? Table.Normalize(attribute)
            : throw new ArgumentException($"'{path}' has a value filter; map the attribute, e.g. 'emails', with MapCollection.", nameof(path));
    }

    private static LeafKind? KindOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) ? LeafKind.String
            : type == typeof(bool) ? LeafKind.Boolean
            : type == typeof(int) || type == typeof(long) || type == typeof(short)
                || type == typeof(decimal) || type == typeof(double) || type == typeof(float) ? LeafKind.Number
            : type == typeof(DateTimeOffset) || type == typeof(DateTime) ? LeafKind.DateTime
            : type == typeof(Guid) ? LeafKind.Guid
            : type.IsEnum ? LeafKind.Enum
            : null;
    }
}
