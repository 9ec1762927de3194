using System.Collections.Immutable;

namespace Scim.Core.Schema;

/// <summary>A schema (RFC 7643 §7): a URN and the attributes it defines.</summary>
public sealed class ScimSchema
{
    /// <summary>Creates a schema.</summary>
    /// <param name="id">The schema URN, e.g. <c>urn:ietf:params:scim:schemas:core:2.0:User</c>.</param>
    /// <param name="name">The human-readable name, e.g. <c>User</c>.</param>
    /// <param name="attributes">The attribute definitions.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    public ScimSchema(string id, string? name, IEnumerable<SchemaAttribute> attributes)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(attributes);
        Id = id;
        Name = name;
        Attributes = [.. attributes];
    }

    /// <summary>The schema URN.</summary>
    public string Id { get; }

    /// <summary>The human-readable name.</summary>
    public string? Name { get; }

    /// <summary>A human-readable description.</summary>
    public string? Description { get; init; }

    /// <summary>The attribute definitions.</summary>
    public ImmutableArray<SchemaAttribute> Attributes { get; }

    /// <summary>Finds an attribute by name, case-insensitively.</summary>
    /// <param name="name">The attribute name.</param>
    /// <returns>The definition, or <see langword="null"/>.</returns>
    public SchemaAttribute? FindAttribute(string name) => SchemaAttribute.Find(Attributes, name);

    /// <inheritdoc/>
    public override string ToString() => Id;
}
