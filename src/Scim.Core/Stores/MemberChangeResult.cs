using Scim.Core.Resources;

namespace Scim.Core.Stores;

/// <summary>What <see cref="IMemberChangeStore.ApplyMemberChangesAsync"/> did.</summary>
/// <param name="Resource">The resource after the change, with its version; it may lack <c>members</c>.</param>
/// <param name="Changed">Whether any member was added or removed (the version moved on only then).</param>
public sealed record MemberChangeResult(ScimResource Resource, bool Changed);
