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

    /// <summary>
    /// The net effect of member changes applied one after the other: each value's last change decides, and values
    /// compare as <see cref="PatchEngine.TryGetMemberChanges(PatchRequest, out MemberChanges?)"/> compares them (caseExact false).
    /// </summary>
    /// <param name="changes">The changes, in the order they apply.</param>
    /// <returns>The combined changes, each value where it first appeared.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="changes"/> is <see langword="null"/>.</exception>
    public static MemberChanges Combine(IEnumerable<MemberChanges> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var last = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var change in changes)
        {
            // Within one change no value is in both lists, so their order does not matter.
            foreach (var (values, added) in new[] { (change.Removed, false), (change.Added, true) })
            {
                foreach (var value in values)
                {
                    if (last.TryAdd(value, added))
                    {
                        order.Add(value);
                    }
                    else
                    {
                        last[value] = added;
                    }
                }
            }
        }

        return new MemberChanges([.. order.Where(v => last[v])], [.. order.Where(v => !last[v])]);
    }
}
