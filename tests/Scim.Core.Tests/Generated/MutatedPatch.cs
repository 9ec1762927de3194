namespace Scim.Core.Tests.Generated;

/// <summary>A valid PatchOp message for a user or a group, then broken in its JSON tree or its text.</summary>
/// <param name="Group">Whether the message is for a group (else for a user).</param>
/// <param name="Body">The mutated message.</param>
public sealed record MutatedPatch(bool Group, string Body)
{
    /// <inheritdoc/>
    public override string ToString() => (Group ? "group: " : "user: ") + Body;
}
