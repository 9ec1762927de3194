namespace Scim.Core.Filtering;

/// <summary>The attribute operators of RFC 7644 §3.4.2.2 that compare with a value.</summary>
public enum ComparisonOperator
{
    /// <summary><c>eq</c>: the attribute and the value are equal.</summary>
    Equal,

    /// <summary><c>ne</c>: the attribute and the value are not equal.</summary>
    NotEqual,

    /// <summary><c>co</c>: the value is a substring of the attribute.</summary>
    Contains,

    /// <summary><c>sw</c>: the attribute starts with the value.</summary>
    StartsWith,

    /// <summary><c>ew</c>: the attribute ends with the value.</summary>
    EndsWith,

    /// <summary><c>gt</c>: the attribute is greater than the value.</summary>
    GreaterThan,

    /// <summary><c>ge</c>: the attribute is greater than or equal to the value.</summary>
    GreaterThanOrEqual,

    /// <summary><c>lt</c>: the attribute is less than the value.</summary>
    LessThan,

    /// <summary><c>le</c>: the attribute is less than or equal to the value.</summary>
    LessThanOrEqual,
}
