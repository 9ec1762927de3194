using Scim.Core.Errors;
using Scim.Core.Patching;
using Scim.Core.Resources;
using Scim.Core.Schema;

namespace Scim.Core.Stores;

/// <summary>
/// An optional capability of an <see cref="IResourceStore"/>: applying a PATCH made only of member adds and removes
/// (see <see cref="PatchEngine.TryGetMemberChanges(PatchRequest, PatchOptions?, out MemberChanges?)"/>) without loading
/// the group, so that adding one member to a group of 100,000 costs what it costs on a group of ten.
/// </summary>
/// <remarks>
/// The endpoints use it for every such PATCH when the store implements it, and fall back to read, apply and replace
/// when it answers <see langword="null"/>. It must do what the PATCH engine would: add only ids that are not members
/// yet, remove only ids that are, move the version on only when the members changed, and do it atomically.
/// </remarks>
public interface IMemberChangeStore
{
    /// <summary>Applies member changes to one resource (a group) if it is still at <paramref name="expectedVersion"/>.</summary>
    /// <param name="type">The resource type; a store may answer <see langword="null"/> for a type it has no member table for.</param>
    /// <param name="id">The resource id.</param>
    /// <param name="changes">The member values to add and to remove.</param>
    /// <param name="expectedVersion">The version the client named in <c>If-Match</c>; <see langword="null"/> to skip the check.</param>
    /// <param name="context">Who is asking.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>
    /// The result, or <see langword="null"/> to have the endpoint apply the PATCH itself. Its resource may lack
    /// <c>members</c>, which the endpoint then reads again if the response must show them.
    /// </returns>
    /// <exception cref="ScimException">404 unknown id, 412 version mismatch, 400 <c>invalidValue</c> for a member the store does not accept.</exception>
    Task<MemberChangeResult?> ApplyMemberChangesAsync(
        ResourceType type, string id, MemberChanges changes, string? expectedVersion, StoreContext context, CancellationToken cancellationToken = default);
}
