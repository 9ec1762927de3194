using Scim.Core.Paths;

namespace Scim.Core.Filtering.Evaluation;

/// <summary>
/// Whether one comparison's attribute is <c>caseExact</c>, asked of the caller's callback at most once per answer and
/// only when a string is actually compared. Without a callback only a top-level <c>id</c> is case-exact.
/// </summary>
internal struct CaseExactness(AttributePath path, AttributePath? parent, Func<AttributePath, bool>? isCaseExact)
{
    private bool? _attribute;
    private bool? _value;

    /// <summary>For the attribute as written (inside a value filter: the complex attribute with it as sub-attribute).</summary>
    public bool OfAttribute => _attribute ??= Ask(Qualified(path.SubAttributeName));

    /// <summary>For the implicit <c>value</c> sub-attribute of a complex attribute compared without one.</summary>
    public bool OfValue => _value ??= isCaseExact is not null && Ask(Qualified("value"));

    private readonly bool Ask(AttributePath qualified) =>
        isCaseExact?.Invoke(qualified)
        ?? (parent is null && path.SubAttributeName is null && string.Equals(path.AttributeName, "id", StringComparison.OrdinalIgnoreCase));

    private readonly AttributePath Qualified(string? sub)
    {
        if (parent is not null)
        {
            return new AttributePath(parent.SchemaUrn, parent.AttributeName, null, path.AttributeName);
        }

        return sub == path.SubAttributeName ? path : new AttributePath(path.SchemaUrn, path.AttributeName, null, sub);
    }
}
