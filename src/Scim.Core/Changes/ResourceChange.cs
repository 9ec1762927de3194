using System.Collections.Immutable;
using Scim.Core.Paths;
using Scim.Core.Resources;
using Scim.Core.Schema;
using Scim.Core.Stores;

namespace Scim.Core.Changes;

/// <summary>
/// One committed write, as <see cref="IResourceChangeHandler"/>s are told of it. It carries what a security event
/// (RFC 9967: create, full replace, partial update, delete) needs: the subject (type and id), the new version, the
/// kind of change, the attributes a PATCH changed, and who made it.
/// </summary>
/// <param name="Kind">What the write did.</param>
/// <param name="ResourceType">The resource's type.</param>
/// <param name="Id">The resource's id.</param>
/// <param name="Version">The version after the write; <see langword="null"/> after a delete.</param>
/// <param name="Resource">
/// The resource as stored after the write; <see langword="null"/> after a delete. After a member change a store applied
/// without loading the group, it may lack <c>members</c>.
/// </param>
/// <param name="ChangedAttributes">For <see cref="ResourceChangeKind.Patched"/>, the top-level attributes the PATCH changed; otherwise empty.</param>
/// <param name="Context">Who made the change.</param>
public sealed record ResourceChange(
    ResourceChangeKind Kind,
    ResourceType ResourceType,
    string Id,
    string? Version,
    ScimResource? Resource,
    ImmutableArray<AttributePath> ChangedAttributes,
    StoreContext Context);
