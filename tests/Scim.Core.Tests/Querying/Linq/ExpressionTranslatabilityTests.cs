using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Scim.Core.Filtering;
using Scim.Core.Paths;
using Scim.Core.Querying.Linq;
using static Scim.Core.Tests.Querying.Linq.LinqTestUsers;

namespace Scim.Core.Tests.Querying.Linq;

/// <summary>
/// The trees <see cref="ScimQueryMap{T}"/> builds hold only what EF Core translates to SQL: no delegate invocations, no
/// compiled lambdas, no methods of our own, and values as captured variables (SQL parameters), never inlined constants.
/// </summary>
public class ExpressionTranslatabilityTests
{
    private static readonly ScimQueryMap<UserEntity> UserMap = Map();

    /// <summary>The methods EF Core translates that a predicate or ordering may call.</summary>
    private static readonly HashSet<string> Translatable =
    [
        "System.String ToLower()",
        "System.String ToUpper()",
        "Boolean Contains(System.String)",
        "Boolean StartsWith(System.String)",
        "Boolean EndsWith(System.String)",
        "Int32 Compare(System.String, System.String)",
        "Enumerable.Any(IEnumerable`1)",
        "Enumerable.Any(IEnumerable`1, Func`2)",
        "Queryable.OrderBy(IQueryable`1, Expression`1)",
        "Queryable.OrderByDescending(IQueryable`1, Expression`1)",
        "Queryable.ThenBy(IOrderedQueryable`1, Expression`1)",
        "Queryable.ThenByDescending(IOrderedQueryable`1, Expression`1)",
    ];

    public static TheoryData<string, CaseInsensitiveStrategy> Filters() => ScimQueryMapFilterTests.FiltersByStrategy();

    [Theory]
    [MemberData(nameof(Filters))]
    public void ToPredicate_Tree_HoldsOnlyTranslatableNodes(string filter, CaseInsensitiveStrategy strategy)
    {
        var predicate = UserMap.ToPredicate(ScimFilter.Parse(filter), strategy);

        ExpressionInspector.AssertTranslatable(predicate, Translatable);
    }

    [Theory]
    [InlineData("userName", false, CaseInsensitiveStrategy.ToLower)]
    [InlineData("externalId", true, CaseInsensitiveStrategy.ToUpper)]
    [InlineData("name.familyName", true, CaseInsensitiveStrategy.Collation)]
    [InlineData("meta.created", false, CaseInsensitiveStrategy.ToLower)]
    [InlineData("active", true, CaseInsensitiveStrategy.ToLower)]
    [InlineData("userType", false, CaseInsensitiveStrategy.ToLower)]
    public void ApplySort_Tree_HoldsOnlyTranslatableNodes(string sortBy, bool descending, CaseInsensitiveStrategy strategy)
    {
        var sorted = UserMap.ApplySort(All.AsQueryable(), AttributePath.Parse(sortBy), descending, strategy);

        ExpressionInspector.AssertTranslatable(sorted.Expression, Translatable);
    }

    [Fact]
    public void ToPredicate_ComparisonThroughCollection_IsAnyWithOneLambda()
    {
        var predicate = UserMap.ToPredicate(ScimFilter.Parse("emails[type eq \"work\" and value co \"@example.com\"]"), CaseInsensitiveStrategy.Collation);

        var any = Assert.IsAssignableFrom<MethodCallExpression>(predicate.Body);
        Assert.Equal(nameof(Enumerable.Any), any.Method.Name);
        var inner = Assert.IsAssignableFrom<LambdaExpression>(any.Arguments[1]);
        Assert.Equal(ExpressionType.AndAlso, inner.Body.NodeType);
    }
}

/// <summary>Walks an expression tree and fails on any node a LINQ provider could not translate.</summary>
internal sealed class ExpressionInspector : ExpressionVisitor
{
    private readonly HashSet<string> _methods;
    private readonly List<ConstantExpression> _constants = [];
    private readonly List<MemberExpression> _captured = [];

    private ExpressionInspector(HashSet<string> methods)
    {
        _methods = methods;
    }

    public static void AssertTranslatable(Expression expression, HashSet<string> methods)
    {
        var inspector = new ExpressionInspector(methods);
        inspector.Visit(expression);
        foreach (var constant in inspector._constants)
        {
            // Literals the shape needs (null, "", 0, true) are fine; filter values must be captured.
            Assert.True(
                constant.Value is null or "" or 0 or true or false || constant.Value is IQueryable,
                $"Inlined constant {constant.Value} ({constant.Type}) in {expression}");
        }
    }

    public static List<ConstantExpression> Constants(Expression expression)
    {
        var inspector = new ExpressionInspector([]);
        inspector.Visit(expression);
        return inspector._constants;
    }

    public static List<MemberExpression> CapturedValues(Expression expression)
    {
        var inspector = new ExpressionInspector([]);
        inspector.Visit(expression);
        return inspector._captured;
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var method = node.Method;
        var signature = method.DeclaringType == typeof(string)
            ? method.ToString()!
            : $"{method.DeclaringType!.Name}.{method.Name}({string.Join(", ", method.GetGenericMethodDefinition().GetParameters().Select(p => p.ParameterType.Name))})";
        if (_methods.Count > 0)
        {
            Assert.True(_methods.Contains(signature), $"Untranslatable call {signature} in {node}");
        }

        return base.VisitMethodCall(node);
    }

    protected override Expression VisitInvocation(InvocationExpression node) =>
        throw new Xunit.Sdk.XunitException($"Delegate invocation in {node}");

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        Assert.True(node.Parameters.Count == 1, $"Lambda {node} takes {node.Parameters.Count} parameters");
        return base.VisitLambda(node);
    }

    protected override Expression VisitUnary(UnaryExpression node)
    {
        // Quote wraps the key selectors of Queryable.OrderBy; Not is !.
        Assert.True(node.NodeType is ExpressionType.Not or ExpressionType.Quote, $"Unexpected {node.NodeType} in {node}");
        Assert.Null(node.Method);
        return base.VisitUnary(node);
    }

    protected override Expression VisitMember(MemberExpression node)
    {
        if (node.Expression is ConstantExpression { Value: { } closure } && closure.GetType().IsDefined(typeof(CompilerGeneratedAttribute)))
        {
            Assert.IsAssignableFrom<FieldInfo>(node.Member);
            _captured.Add(node);
            return node;
        }

        return base.VisitMember(node);
    }

    protected override Expression VisitConstant(ConstantExpression node)
    {
        _constants.Add(node);
        return base.VisitConstant(node);
    }

    protected override Expression VisitExtension(Expression node) =>
        throw new Xunit.Sdk.XunitException($"Extension node {node}");
}
