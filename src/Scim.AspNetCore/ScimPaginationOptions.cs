using Scim.Core.Serialization;
using Scim.Core.Stores;

namespace Scim.AspNetCore;

/// <summary>
/// How queries are paged: by <c>startIndex</c> (RFC 7644 §3.4.2.4, always offered) and, unless switched off, by
/// <c>cursor</c> (RFC 9865). Advertised as the <c>pagination</c> entry of <c>/ServiceProviderConfig</c>, together with
/// <see cref="ScimOptions.DefaultCount"/> as <c>defaultPageSize</c> and <c>filter.maxResults</c> as <c>maxPageSize</c>.
/// </summary>
public sealed class ScimPaginationOptions
{
    /// <summary>
    /// Whether a query may page by <c>cursor</c>; <see langword="true"/> by default. It takes effect only with a store
    /// whose <see cref="IResourceStore.SupportsCursors"/> is <see langword="true"/>; with any other, cursors are refused
    /// and not advertised.
    /// </summary>
    public bool CursorSupported { get; set; } = true;

    /// <summary>
    /// How a query that gives neither <c>startIndex</c> nor <c>cursor</c> is paged; <see cref="PaginationMethod.Index"/>
    /// by default, which RFC 9865 §2.4 advises for services whose clients expect index paging. A search at the root
    /// (<c>POST /.search</c>) always pages by index.
    /// </summary>
    public PaginationMethod DefaultMethod { get; set; } = PaginationMethod.Index;

    /// <summary>
    /// How long a cursor stays valid, advertised as <c>cursorTimeout</c> (whole seconds); 10 minutes by default. The
    /// in-memory store enforces it; a host's own store should be built with the same value.
    /// </summary>
    public TimeSpan CursorTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
