namespace Scim.Core.Serialization;

/// <summary>How a query's results are paged: the <c>defaultPaginationMethod</c> values of RFC 9865 §4.</summary>
public enum PaginationMethod
{
    /// <summary><c>index</c>: <c>startIndex</c> and <c>count</c> (RFC 7644 §3.4.2.4).</summary>
    Index,

    /// <summary><c>cursor</c>: <c>cursor</c> and <c>count</c>, answered with <c>nextCursor</c> (RFC 9865 §2).</summary>
    Cursor,
}
