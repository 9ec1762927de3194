using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Scim.Core.Filtering.Evaluation;
using Scim.Core.Paths;

namespace Scim.Core.Schema;

/// <summary>
/// The schemas and resource types a service offers, looked up case-insensitively by URN and name, and the place
/// where an attribute path is resolved to its definition. Fill it at start-up; after that it is read concurrently.
/// </summary>
public sealed class SchemaRegistry
{
    // The RFC's §8.7.1 JSON leaves out what its prose and its own §8 examples use; the default registry puts back
    // Group displayName as required (§4.2), members.display (§2.4, immutable) and addresses.primary (§4.1.2).
    private static readonly ScimSchema DefaultGroup = Amend(
        BuiltInSchemas.Group,
        a => a.Name switch
        {
            "displayName" => a.With(required: true),
            "members" => a.WithSubAttribute(new SchemaAttribute("display") { Mutability = Mutability.Immutable, Description = "A human-readable name for the member." }),
            _ => a,
        });

    private static readonly ScimSchema DefaultUser = Amend(
        BuiltInSchemas.User,
        a => a.Name == "addresses"
            ? a.WithSubAttribute(new SchemaAttribute("primary", AttributeType.Boolean) { Description = "Whether this is the primary mailing address." })
            : a);

    private readonly Dictionary<string, ScimSchema> _schemas = new(StringComparer.OrdinalIgnoreCase);

    // Only paths that resolve are cached, and paths compare case-insensitively, so the cache is bounded by the schemas.
    private readonly ConcurrentDictionary<(ResourceType Type, AttributePath Path), AttributeTraits> _traits = new();
    private readonly ConcurrentDictionary<ResourceType, Func<AttributePath, AttributeTraits>> _traitsOfType = new();
    private readonly Dictionary<string, ResourceType> _resourceTypes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The registered schemas, in registration order.</summary>
    public IReadOnlyCollection<ScimSchema> Schemas => _schemas.Values;

    /// <summary>The registered resource types, in registration order.</summary>
    public IReadOnlyCollection<ResourceType> ResourceTypes => _resourceTypes.Values;

    /// <summary>
    /// A registry with the RFC 7643 User (with the Enterprise User extension, optional) and Group resource types.
    /// </summary>
    /// <remarks>
    /// Three deliberate differences from the RFC's §8.7.1 JSON, where its prose and its own §8 examples say otherwise:
    /// Group <c>displayName</c> is required (§4.2; Entra ID matches groups on it), Group <c>members</c> has the
    /// immutable <c>display</c> sub-attribute (§2.4, used in §8.4), and User <c>addresses</c> has <c>primary</c>
    /// (§4.1.2, used in §8.2). <see cref="BuiltInSchemas"/> itself stays exactly as published.
    /// </remarks>
    /// <returns>A new registry the caller may extend.</returns>
    public static SchemaRegistry CreateDefault() => new SchemaRegistry()
        .AddSchema(DefaultUser)
        .AddSchema(BuiltInSchemas.EnterpriseUser)
        .AddSchema(DefaultGroup)
        .AddResourceType(new ResourceType("User", "/Users", SchemaUrns.User, [new SchemaExtension(SchemaUrns.EnterpriseUser, Required: false)])
        {
            Description = "User Account",
        })
        .AddResourceType(new ResourceType("Group", "/Groups", SchemaUrns.Group) { Description = "Group" });

    /// <summary>Registers a schema.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>This registry.</returns>
    /// <exception cref="ArgumentException">A schema with the same URN is already registered.</exception>
    public SchemaRegistry AddSchema(ScimSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (!_schemas.TryAdd(schema.Id, schema))
        {
            throw new ArgumentException($"The schema '{schema.Id}' is already registered.", nameof(schema));
        }

        return this;
    }

    /// <summary>Registers a resource type; its core schema and extensions must be registered first.</summary>
    /// <param name="resourceType">The resource type.</param>
    /// <returns>This registry.</returns>
    /// <exception cref="ArgumentException">The name or endpoint is taken, or a schema it names is not registered.</exception>
    public SchemaRegistry AddResourceType(ResourceType resourceType)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        foreach (var urn in resourceType.SchemaExtensions.Select(e => e.Schema).Prepend(resourceType.Schema))
        {
            if (!_schemas.ContainsKey(urn))
            {
                throw new ArgumentException($"The resource type '{resourceType.Name}' names the schema '{urn}', which is not registered.", nameof(resourceType));
            }
        }

        if (FindResourceTypeByEndpoint(resourceType.Endpoint) is not null || !_resourceTypes.TryAdd(resourceType.Name, resourceType))
        {
            throw new ArgumentException($"A resource type named '{resourceType.Name}' or at '{resourceType.Endpoint}' is already registered.", nameof(resourceType));
        }

        return this;
    }

    /// <summary>Finds a schema by URN, case-insensitively.</summary>
    /// <param name="urn">The schema URN.</param>
    /// <returns>The schema, or <see langword="null"/>.</returns>
    public ScimSchema? FindSchema(string urn) => _schemas.GetValueOrDefault(urn);

    /// <summary>Finds a resource type by name, case-insensitively.</summary>
    /// <param name="name">The resource type name, e.g. <c>User</c>.</param>
    /// <returns>The resource type, or <see langword="null"/>.</returns>
    public ResourceType? FindResourceType(string name) => _resourceTypes.GetValueOrDefault(name);

    /// <summary>Finds a resource type by endpoint, case-insensitively, with or without the leading '/'.</summary>
    /// <param name="endpoint">The endpoint, e.g. <c>/Users</c>.</param>
    /// <returns>The resource type, or <see langword="null"/>.</returns>
    public ResourceType? FindResourceTypeByEndpoint(string endpoint)
    {
        var trimmed = endpoint.AsSpan().TrimStart('/');
        foreach (var type in _resourceTypes.Values)
        {
            if (type.Endpoint.AsSpan(1).Equals(trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>The core schema and the extension schemas of a resource type.</summary>
    /// <param name="resourceType">The resource type.</param>
    /// <returns>The core schema first, then each extension with whether it is required.</returns>
    public IEnumerable<(ScimSchema Schema, bool IsExtension, bool Required)> SchemasOf(ResourceType resourceType)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        yield return (_schemas[resourceType.Schema], false, true);
        foreach (var extension in resourceType.SchemaExtensions)
        {
            yield return (_schemas[extension.Schema], true, extension.Required);
        }
    }

    /// <summary>
    /// Resolves an attribute path of a resource type to its definition. A URN-qualified path looks in that schema
    /// only; an unqualified one looks at the common attributes, then the core schema, then the extensions, and is
    /// ambiguous if two extensions define the name. A value filter in the path is not resolved here.
    /// </summary>
    /// <param name="resourceType">The resource type.</param>
    /// <param name="path">The path.</param>
    /// <param name="resolved">The definition, when the path names one.</param>
    /// <param name="problem">Why it does not, naming the attribute.</param>
    /// <returns>Whether the path names an attribute of the resource type.</returns>
    public bool TryResolve(
        ResourceType resourceType,
        AttributePath path,
        [NotNullWhen(true)] out ResolvedAttribute? resolved,
        [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        ArgumentNullException.ThrowIfNull(path);
        resolved = null;
        var name = path.AttributeName;
        ScimSchema? schema = null;
        SchemaAttribute? attribute = null;
        var isExtension = false;
        if (path.SchemaUrn is { } urn)
        {
            if (string.Equals(urn, resourceType.Schema, StringComparison.OrdinalIgnoreCase))
            {
                (schema, attribute) = FindCore(resourceType, name);
            }
            else if (resourceType.SchemaExtensions.Any(e => string.Equals(e.Schema, urn, StringComparison.OrdinalIgnoreCase)))
            {
                schema = _schemas[urn];
                attribute = schema.FindAttribute(name);
                isExtension = true;
            }
            else
            {
                problem = $"'{urn}' is not a schema of the {resourceType.Name} resource type";
                return false;
            }
        }
        else
        {
            (schema, attribute) = FindCore(resourceType, name);
            if (attribute is null)
            {
                foreach (var extension in resourceType.SchemaExtensions)
                {
                    var candidate = _schemas[extension.Schema];
                    if (candidate.FindAttribute(name) is not { } found)
                    {
                        continue;
                    }

                    if (attribute is not null)
                    {
                        problem = $"'{name}' is defined by both '{schema!.Id}' and '{candidate.Id}'; qualify it with the schema URN";
                        return false;
                    }

                    (schema, attribute, isExtension) = (candidate, found, true);
                }
            }
        }

        if (attribute is null || schema is null)
        {
            problem = $"'{path}' is not an attribute of the {resourceType.Name} resource type";
            return false;
        }

        SchemaAttribute? sub = null;
        if (path.SubAttributeName is { } subName)
        {
            sub = attribute.FindSubAttribute(subName);
            if (sub is null)
            {
                problem = attribute.Type == AttributeType.Complex
                    ? $"'{subName}' is not a sub-attribute of '{attribute.Name}'"
                    : $"'{attribute.Name}' is not complex, so it has no sub-attribute '{subName}'";
                return false;
            }
        }

        resolved = new ResolvedAttribute(schema, attribute, sub, isExtension);
        problem = null;
        return true;
    }

    /// <summary>Whether the attribute a path names is <c>caseExact</c>; false when the path names nothing. Cached.</summary>
    /// <param name="resourceType">The resource type.</param>
    /// <param name="path">The path (no value filter).</param>
    /// <returns>Whether string comparison on the attribute is case-sensitive.</returns>
    public bool IsCaseExact(ResourceType resourceType, AttributePath path) =>
        (TraitsOf(resourceType, path) & AttributeTraits.CaseExact) != 0;

    /// <summary>The evaluator's traits lookup for one resource type, made once so a scan allocates nothing per resource.</summary>
    internal Func<AttributePath, AttributeTraits> TraitsOf(ResourceType resourceType) =>
        _traitsOfType.GetOrAdd(resourceType, type => path => TraitsOf(type, path));

    /// <summary>The evaluator's view of an attribute: caseExact, typed, dateTime. Cached.</summary>
    internal AttributeTraits TraitsOf(ResourceType resourceType, AttributePath path)
    {
        if (_traits.TryGetValue((resourceType, path), out var cached))
        {
            return cached;
        }

        if (!TryResolve(resourceType, path, out var resolved, out _))
        {
            return AttributeTraits.None;
        }

        var target = resolved.Target;
        if (target.Type == AttributeType.Complex && target.FindSubAttribute("value") is { } value)
        {
            target = value;
        }

        return _traits[(resourceType, path)] = AttributeTraits.Typed
            | (target.CaseExact ? AttributeTraits.CaseExact : AttributeTraits.None)
            | (target.Type == AttributeType.DateTime ? AttributeTraits.DateTime : AttributeTraits.None);
    }

    private static ScimSchema Amend(ScimSchema schema, Func<SchemaAttribute, SchemaAttribute> amend) =>
        new(schema.Id, schema.Name, schema.Attributes.Select(amend)) { Description = schema.Description };

    private (ScimSchema? Schema, SchemaAttribute? Attribute) FindCore(ResourceType resourceType, string name)
    {
        if (CommonAttributes.Schema.FindAttribute(name) is { } common)
        {
            return (CommonAttributes.Schema, common);
        }

        var core = _schemas[resourceType.Schema];
        return (core, core.FindAttribute(name));
    }
}
