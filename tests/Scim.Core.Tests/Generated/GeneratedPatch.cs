using System.Collections.Immutable;

namespace Scim.Core.Tests.Generated;

/// <summary>
/// PATCH operations for a user from <see cref="Patching.RandomPatchGenerator"/>: valid ones, and at most one that must
/// fail whatever the user looks like.
/// </summary>
/// <param name="Operations">Each operation as JSON text.</param>
/// <param name="BadAt">The index of the operation that must fail, or -1.</param>
/// <param name="ScimType">The scimType it must fail with.</param>
public sealed record GeneratedPatch(ImmutableArray<string> Operations, int BadAt, string? ScimType)
{
    /// <summary>The PatchOp message.</summary>
    public string Body => Patching.PatchTesting.Body("[" + string.Join(",", Operations) + "]");

    /// <inheritdoc/>
    public override string ToString() => BadAt < 0 ? Body : $"{Body} (operation {BadAt} must fail with {ScimType})";
}
