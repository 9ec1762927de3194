namespace Scim.Core.Tests.Generated;

/// <summary>A valid filter or PATCH path, printed and then broken by <see cref="Scim.Testing.Mutations.Text"/>.</summary>
/// <param name="Valid">The text before the mutation.</param>
/// <param name="Text">The mutated text.</param>
public sealed record MutatedText(string Valid, string Text)
{
    /// <inheritdoc/>
    public override string ToString() => $"'{Text}' (from '{Valid}')";
}
