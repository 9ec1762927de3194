namespace Scim.Core.Serialization;

/// <summary>The <c>pagination</c> entry of <c>/ServiceProviderConfig</c> (RFC 9865 §4): which paging methods the service offers, and its limits.</summary>
public sealed record PaginationConfig
{
    /// <summary>Whether cursor-based paging is supported (<c>cursor</c>).</summary>
    public bool Cursor { get; init; }

    /// <summary>Whether index-based paging is supported (<c>index</c>).</summary>
    public bool Index { get; init; } = true;

    /// <summary>The method used when a query asks for neither (<c>defaultPaginationMethod</c>); left out when <see langword="null"/>.</summary>
    public PaginationMethod? DefaultPaginationMethod { get; init; }

    /// <summary>The page size when a query gives no <c>count</c> (<c>defaultPageSize</c>); left out when <see langword="null"/>.</summary>
    public int? DefaultPageSize { get; init; }

    /// <summary>The most results in one page, whatever <c>count</c> asks (<c>maxPageSize</c>); left out when <see langword="null"/>.</summary>
    public int? MaxPageSize { get; init; }

    /// <summary>How long a cursor stays valid between page requests, written in whole seconds, rounded down (<c>cursorTimeout</c>, a guaranteed minimum); left out when <see langword="null"/>.</summary>
    public TimeSpan? CursorTimeout { get; init; }
}
