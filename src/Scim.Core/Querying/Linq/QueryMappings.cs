using System.Linq.Expressions;
using System.Reflection;
using Scim.Core.Paths;

namespace Scim.Core.Querying.Linq;

/// <summary>The CLR types a mapped attribute may have, grouped by how a filter value converts to them.</summary>
internal enum LeafKind
{
    String,
    Boolean,
    Number,
    DateTime,
    Guid,
    Enum,
}

/// <summary>One SCIM attribute path mapped to a member of the owner type.</summary>
internal abstract class QueryMapping(AttributePath path, LambdaExpression accessor)
{
    /// <summary>The path as mapped, without the core schema's URN.</summary>
    public AttributePath Path => path;

    /// <summary>The member's type, e.g. <c>int?</c>.</summary>
    public Type Type => accessor.ReturnType;

    /// <summary>The member read from <paramref name="owner"/>: the accessor's body over a new parameter.</summary>
    public Expression Access(Expression owner) => new ParameterReplacer(accessor.Parameters[0], owner).Visit(accessor.Body);

    private sealed class ParameterReplacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

/// <summary>A single value: a string, number, boolean, date, GUID or enum member.</summary>
internal abstract class LeafMapping(AttributePath path, LambdaExpression accessor, LeafKind kind, bool caseExact, CaseInsensitiveStrategy? folded)
    : QueryMapping(path, accessor)
{
    public LeafKind Kind => kind;

    public bool CaseExact => caseExact;

    /// <summary>How the member holds its string already folded (<see cref="CaseInsensitiveStrategy.ToUpper"/> or <see cref="CaseInsensitiveStrategy.ToLower"/>), if it does.</summary>
    public CaseInsensitiveStrategy? Folded => folded;

    /// <summary>The member's type without <see cref="Nullable{T}"/>, e.g. <c>int</c>.</summary>
    public Type ValueType => Nullable.GetUnderlyingType(Type) ?? Type;

    /// <summary>Whether the member can hold <see langword="null"/>.</summary>
    public bool IsNullable => !Type.IsValueType || Nullable.GetUnderlyingType(Type) is not null;

    /// <summary>A filter value of <see cref="ValueType"/>, as an expression of <see cref="Type"/>.</summary>
    public abstract Expression Capture(object value);

    /// <summary>Orders (or, with <paramref name="thenBy"/>, further orders) by <paramref name="key"/>, of <see cref="Type"/>.</summary>
    public abstract IOrderedQueryable Order(IQueryable source, Expression key, ParameterExpression parameter, bool thenBy, bool descending);
}

/// <summary>A <see cref="LeafMapping"/> that knows its types statically, so it needs no runtime generic instantiation.</summary>
internal sealed class LeafMapping<TOwner, TValue>(
    AttributePath path, Expression<Func<TOwner, TValue>> accessor, LeafKind kind, bool caseExact, CaseInsensitiveStrategy? folded = null)
    : LeafMapping(path, accessor, kind, caseExact, folded)
{
    public override Expression Capture(object value) => Captured.Of((TValue)value);

    public override IOrderedQueryable Order(IQueryable source, Expression key, ParameterExpression parameter, bool thenBy, bool descending)
    {
        var selector = Expression.Lambda<Func<TOwner, TValue>>(key, parameter);
        if (thenBy)
        {
            var ordered = (IOrderedQueryable<TOwner>)source;
            return descending ? ordered.ThenByDescending(selector) : ordered.ThenBy(selector);
        }

        var query = (IQueryable<TOwner>)source;
        return descending ? query.OrderByDescending(selector) : query.OrderBy(selector);
    }
}

/// <summary>A multi-valued complex attribute mapped to a child collection, with its sub-attributes mapped on the element.</summary>
internal abstract class CollectionMapping(AttributePath path, LambdaExpression accessor, MappingTable elements)
    : QueryMapping(path, accessor)
{
    public MappingTable Elements => elements;

    /// <summary>
    /// <c>owner.Collection.Any()</c>, or <c>owner.Collection.Any(e => predicate(e))</c>: the same element must satisfy
    /// the whole predicate.
    /// </summary>
    public abstract Expression Any(Expression owner, Func<ParameterExpression, Expression>? predicate);
}

/// <summary>A <see cref="CollectionMapping"/> that knows its element type statically.</summary>
internal sealed class CollectionMapping<TOwner, TElement>(
    AttributePath path,
    Expression<Func<TOwner, IEnumerable<TElement>>> accessor,
    MappingTable elements)
    : CollectionMapping(path, accessor, elements)
{
    private static readonly MethodInfo AnyMethod = new Func<IEnumerable<TElement>, bool>(Enumerable.Any).Method;
    private static readonly MethodInfo AnyWhereMethod = new Func<IEnumerable<TElement>, Func<TElement, bool>, bool>(Enumerable.Any).Method;

    public override Expression Any(Expression owner, Func<ParameterExpression, Expression>? predicate)
    {
        var collection = Access(owner);
        if (predicate is null)
        {
            return Expression.Call(AnyMethod, collection);
        }

        var element = Expression.Parameter(typeof(TElement), "e");
        return Expression.Call(AnyWhereMethod, collection, Expression.Lambda<Func<TElement, bool>>(predicate(element), element));
    }
}

/// <summary>Filter values as captured variables rather than constants.</summary>
internal static class Captured
{
    /// <summary>
    /// <c>() =&gt; value</c>'s body: a field of a closure, as in a hand-written query. EF Core sends it as a SQL parameter
    /// and reuses one compiled query for every value; a constant would be inlined, compiling and caching a query per value.
    /// </summary>
    public static Expression Of<TValue>(TValue value)
    {
        Expression<Func<TValue>> capture = () => value;
        return capture.Body;
    }
}
