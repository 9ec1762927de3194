using Scim.Core.Filtering;
using Scim.Core.Paths;

namespace Scim.Core.Tests.Filtering;

/// <summary>Short builders for expected filter trees, so test tables read like the filters they pin down.</summary>
internal static class FilterTrees
{
    public const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    public static AttributePath P(string name, string? sub = null, string? urn = null) => new(urn, name, null, sub);

    public static ComparisonFilter Cmp(AttributePath path, ComparisonOperator op, ComparisonValue value) => new(path, op, value);

    public static ComparisonFilter Eq(string name, ComparisonValue value) => new(P(name), ComparisonOperator.Equal, value);

    public static ComparisonFilter Eq(AttributePath path, ComparisonValue value) => new(path, ComparisonOperator.Equal, value);

    public static PresentFilter Pr(string name) => new(P(name));

    public static AndFilter And(params ScimFilter[] operands) => new([.. operands]);

    public static OrFilter Or(params ScimFilter[] operands) => new([.. operands]);

    public static NotFilter Not(ScimFilter operand) => new(operand);

    public static ValuePathFilter Vp(string name, ScimFilter filter) => new(P(name), filter);
}
