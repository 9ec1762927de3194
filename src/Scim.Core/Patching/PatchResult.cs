using System.Collections.Immutable;
using Scim.Core.Paths;
using Scim.Core.Resources;

namespace Scim.Core.Patching;

/// <summary>What applying a PATCH request produced.</summary>
/// <param name="Resource">
/// The patched resource: a new object, never the one passed in. When <paramref name="Changed"/> is
/// <see langword="false"/> it is an unchanged copy and the finaliser (validator) has not run on it.
/// </param>
/// <param name="Changed">
/// Whether any operation changed the resource. When <see langword="false"/> the store can skip the write and keep the
/// version (RFC 7644 §3.5.2.1: adding a value that is already there does not change the modify timestamp).
/// </param>
/// <param name="ChangedAttributes">
/// The top-level attributes that changed, in the order they first changed: URN-qualified for extension attributes
/// (<c>urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager</c>), plain for the others (<c>emails</c>,
/// <c>name</c>), and <c>schemas</c> when an extension object appeared or disappeared.
/// </param>
public sealed record PatchResult(ScimResource Resource, bool Changed, ImmutableArray<AttributePath> ChangedAttributes);
