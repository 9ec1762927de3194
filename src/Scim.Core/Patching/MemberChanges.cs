using System.Collections.Immutable;

namespace Scim.Core.Patching;

/// <summary>
/// The net effect on a group's <c>members</c> of a PATCH request made only of member adds and removes, for a store
/// that can apply it without loading the group (see <see cref="PatchEngine.TryGetMemberChanges(PatchRequest, out MemberChanges?)"/>).
/// </summary>
/// <param name="Added">
/// The member <c>value</c>s (resource ids) that must be members afterwards, in request order. Adding a value that is
/// already a member is a no-op.
/// </param>
/// <param name="Removed">
/// The member <c>value</c>s that must not be members afterwards, in request order. Removing a value that is not a
/// member is a no-op. No value is in both lists: the last operation on a value wins.
/// </param>
public sealed record MemberChanges(ImmutableArray<string> Added, ImmutableArray<string> Removed)
{
    /// <summary>Whether the request changes nothing (no adds and no removes).</summary>
    public bool IsEmpty => Added.IsEmpty && Removed.IsEmpty;
}
