using System.Collections.Immutable;

namespace Scim.Core.Schema;

/// <summary>
/// An attribute or sub-attribute definition with every RFC 7643 §7 characteristic. Unset characteristics take the
/// RFC 7643 §2.2 defaults: string, single-valued, optional, not case-exact, readWrite, returned by default, not unique.
/// </summary>
public sealed class SchemaAttribute
{
    /// <summary>Creates a definition.</summary>
    /// <param name="name">The attribute name, e.g. <c>userName</c>.</param>
    /// <param name="type">The data type.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public SchemaAttribute(string name, AttributeType type = AttributeType.String)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Type = type;
    }

    /// <summary>The attribute name.</summary>
    public string Name { get; }

    /// <summary>The data type.</summary>
    public AttributeType Type { get; }

    /// <summary>Whether the attribute holds an array of values.</summary>
    public bool MultiValued { get; init; }

    /// <summary>A human-readable description.</summary>
    public string? Description { get; init; }

    /// <summary>Whether a value is required.</summary>
    public bool Required { get; init; }

    /// <summary>Whether string comparison is case-sensitive.</summary>
    public bool CaseExact { get; init; }

    /// <summary>The values a client is expected to use, e.g. <c>work</c>, <c>home</c>; empty when there are none.</summary>
    public ImmutableArray<string> CanonicalValues { get; init; } = [];

    /// <summary>Whether <see cref="CanonicalValues"/> is the complete list of allowed values (a server choice; the RFC only suggests them).</summary>
    public bool CanonicalValuesAreStrict { get; init; }

    /// <summary>Whether and how the attribute can be modified.</summary>
    public Mutability Mutability { get; init; } = Mutability.ReadWrite;

    /// <summary>When the attribute is returned.</summary>
    public Returned Returned { get; init; } = Returned.Default;

    /// <summary>How unique the value must be.</summary>
    public Uniqueness Uniqueness { get; init; } = Uniqueness.None;

    /// <summary>For references, what they may point to: resource type names, <c>external</c> or <c>uri</c>.</summary>
    public ImmutableArray<string> ReferenceTypes { get; init; } = [];

    /// <summary>For complex attributes, the sub-attribute definitions.</summary>
    public ImmutableArray<SchemaAttribute> SubAttributes { get; init; } = [];

    /// <summary>Finds a sub-attribute by name, case-insensitively.</summary>
    /// <param name="name">The sub-attribute name.</param>
    /// <returns>The definition, or <see langword="null"/>.</returns>
    public SchemaAttribute? FindSubAttribute(string name) => Find(SubAttributes, name);

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>A copy with <see cref="Required"/> changed; every other characteristic is kept.</summary>
    /// <param name="required">Whether the copy is required.</param>
    /// <returns>The copy.</returns>
    public SchemaAttribute With(bool required) => Copy(required, SubAttributes);

    /// <summary>A copy with one more sub-attribute; every characteristic is kept.</summary>
    /// <param name="subAttribute">The sub-attribute to add.</param>
    /// <returns>The copy.</returns>
    public SchemaAttribute WithSubAttribute(SchemaAttribute subAttribute) => Copy(Required, SubAttributes.Add(subAttribute));

    private SchemaAttribute Copy(bool required, ImmutableArray<SchemaAttribute> subAttributes) => new(Name, Type)
    {
        MultiValued = MultiValued,
        Description = Description,
        Required = required,
        CaseExact = CaseExact,
        CanonicalValues = CanonicalValues,
        CanonicalValuesAreStrict = CanonicalValuesAreStrict,
        Mutability = Mutability,
        Returned = Returned,
        Uniqueness = Uniqueness,
        ReferenceTypes = ReferenceTypes,
        SubAttributes = subAttributes,
    };

    /// <summary><see cref="Find(ImmutableArray{SchemaAttribute}, string)"/> for a name in UTF-8 (attribute names are ASCII).</summary>
    internal static SchemaAttribute? Find(ImmutableArray<SchemaAttribute> attributes, ReadOnlySpan<byte> utf8Name)
    {
        foreach (var attribute in attributes)
        {
            if (System.Text.Ascii.EqualsIgnoreCase(utf8Name, attribute.Name))
            {
                return attribute;
            }
        }

        return null;
    }

    internal static SchemaAttribute? Find(ImmutableArray<SchemaAttribute> attributes, string name)
    {
        foreach (var attribute in attributes)
        {
            if (string.Equals(attribute.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return attribute;
            }
        }

        return null;
    }
}
