namespace Scim.Core.Schema;

/// <summary>
/// What an attribute path names in a resource type: the schema it belongs to, the attribute, and the sub-attribute
/// when the path has one.
/// </summary>
/// <param name="Schema">The schema that defines the attribute (the core schema, an extension, or the common attributes).</param>
/// <param name="Attribute">The attribute.</param>
/// <param name="SubAttribute">The sub-attribute, or <see langword="null"/>.</param>
/// <param name="IsExtension">Whether the attribute lives under its schema URN in the resource JSON.</param>
public sealed record ResolvedAttribute(ScimSchema Schema, SchemaAttribute Attribute, SchemaAttribute? SubAttribute, bool IsExtension)
{
    /// <summary>The definition the path ends at: the sub-attribute if there is one, else the attribute.</summary>
    public SchemaAttribute Target => SubAttribute ?? Attribute;
}
