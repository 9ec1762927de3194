using System.Collections.Immutable;

namespace Scim.Core.Schema;

/// <summary>A resource type (RFC 7643 §6): its endpoint, core schema and schema extensions.</summary>
public sealed class ResourceType
{
    /// <summary>Creates a resource type.</summary>
    /// <param name="name">The name, also its id, e.g. <c>User</c>.</param>
    /// <param name="endpoint">The endpoint relative to the base URL, e.g. <c>/Users</c>.</param>
    /// <param name="schema">The core schema URN.</param>
    /// <param name="extensions">The schema extensions.</param>
    /// <exception cref="ArgumentException">A name, endpoint or schema is empty.</exception>
    public ResourceType(string name, string endpoint, string schema, IEnumerable<SchemaExtension>? extensions = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(schema);
        Id = name;
        Name = name;
        Endpoint = endpoint.StartsWith('/') ? endpoint : "/" + endpoint;
        Schema = schema;
        SchemaExtensions = extensions is null ? [] : [.. extensions];
    }

    /// <summary>The resource type id (the same as <see cref="Name"/>).</summary>
    public string Id { get; }

    /// <summary>The resource type name, e.g. <c>User</c>; it is <c>meta.resourceType</c> of its resources.</summary>
    public string Name { get; }

    /// <summary>The endpoint, e.g. <c>/Users</c>.</summary>
    public string Endpoint { get; }

    /// <summary>A human-readable description.</summary>
    public string? Description { get; init; }

    /// <summary>The core schema URN.</summary>
    public string Schema { get; }

    /// <summary>The schema extensions.</summary>
    public ImmutableArray<SchemaExtension> SchemaExtensions { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
