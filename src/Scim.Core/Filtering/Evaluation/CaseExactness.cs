using Scim.Core.Paths;

namespace Scim.Core.Filtering.Evaluation;

/// <summary>
/// The traits (<c>caseExact</c>, type) of one comparison's attribute, asked of the caller's callback at most once per
/// answer and only when a string is actually compared. Without a callback only a top-level <c>id</c> is case-exact.
/// </summary>
internal struct CaseExactness(AttributePath path, AttributePath? parent, Func<AttributePath, AttributeTraits>? traits)
{
    private AttributeTraits? _attribute;
    private AttributeTraits? _value;

    /// <summary>For the attribute as written (inside a value filter: the complex attribute with it as sub-attribute).</summary>
    public AttributeTraits OfAttribute => _attribute ??= Ask(Qualified(path.SubAttributeName));

    /// <summary>For the implicit <c>value</c> sub-attribute of a complex attribute compared without one.</summary>
    public AttributeTraits OfValue => _value ??= traits is null ? AttributeTraits.None : Ask(Qualified("value"));

    private readonly AttributeTraits Ask(AttributePath qualified) =>
        traits?.Invoke(qualified)
        ?? (parent is null && path.SubAttributeName is null && string.Equals(path.AttributeName, "id", StringComparison.OrdinalIgnoreCase)
            ? AttributeTraits.CaseExact
            : AttributeTraits.None);

    private readonly AttributePath Qualified(string? sub)
    {
        if (parent is not null)
        {
            return new AttributePath(parent.SchemaUrn, parent.AttributeName, null, path.AttributeName);
        }

        return sub == path.SubAttributeName ? path : new AttributePath(path.SchemaUrn, path.AttributeName, null, sub);
    }
}
