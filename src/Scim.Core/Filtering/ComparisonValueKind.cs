namespace Scim.Core.Filtering;

/// <summary>The JSON kinds a filter comparison value can take (RFC 7644 §3.4.2.2 <c>compValue</c>).</summary>
public enum ComparisonValueKind
{
    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON number.</summary>
    Number,

    /// <summary>The literal <c>true</c>.</summary>
    True,

    /// <summary>The literal <c>false</c>.</summary>
    False,

    /// <summary>The literal <c>null</c>.</summary>
    Null,
}
