namespace Scim.Core.Tests.Generated;

/// <summary>A valid PatchOp message for a user, then broken in its JSON tree or its text.</summary>
/// <param name="Body">The mutated message.</param>
public sealed record MutatedPatch(string Body)
{
    /// <inheritdoc/>
    public override string ToString() => Body;
}
