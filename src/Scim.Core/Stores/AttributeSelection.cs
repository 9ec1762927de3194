using Scim.Core.Paths;

namespace Scim.Core.Stores;

/// <summary>
/// The <c>attributes</c> and <c>excludedAttributes</c> of a request (RFC 7644 §3.4.2.5), handed to the store so it can
/// skip loading what the response will not show, e.g. a group's <c>members</c> for Entra ID's
/// <c>excludedAttributes=members</c>. The endpoint still applies the projection itself, so a store may return more.
/// </summary>
/// <param name="Attributes">The attributes asked for; empty for the default set.</param>
/// <param name="ExcludedAttributes">The attributes left out of the default set.</param>
public sealed record AttributeSelection(IReadOnlyList<AttributePath> Attributes, IReadOnlyList<AttributePath> ExcludedAttributes)
{
    /// <summary>Everything the resource type returns by default.</summary>
    public static AttributeSelection All { get; } = new([], []);

    /// <summary>
    /// Whether the response may show a top-level attribute (e.g. <c>members</c>): not when it is excluded, and not when
    /// <see cref="Attributes"/> names others but neither it nor one of its sub-attributes. Attributes whose
    /// <c>returned</c> is <c>always</c> (<c>id</c>) are shown whatever this says.
    /// </summary>
    /// <param name="name">The attribute's name, compared case-insensitively; no schema URN.</param>
    /// <returns><see langword="false"/> when the store need not load it.</returns>
    public bool Shows(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (ExcludedAttributes.Any(p => p.SubAttributeName is null && Names(p, name)))
        {
            return false;
        }

        return Attributes.Count == 0 || Attributes.Any(p => Names(p, name));
    }

    private static bool Names(AttributePath path, string name) => path.AttributeName.Equals(name, StringComparison.OrdinalIgnoreCase);
}
