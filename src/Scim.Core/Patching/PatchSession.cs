using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Paths;
using Scim.Core.Schema;
using static Scim.Core.Patching.PatchJson;

namespace Scim.Core.Patching;

/// <summary>
/// Applies the operations of one request, in order, to a working copy of one resource. Any error throws and the copy
/// is thrown away, so checks may run after a change has been made to the copy.
/// </summary>
internal sealed partial class PatchSession(SchemaRegistry registry, PatchOptions options, PatchRequest request, ResourceType type, JsonObject root)
{
    private AttributePath[]? _changed;
    private int _changedCount;
    private bool _extensionsTouched;
    private bool _extensionCreated;
    private int _index;
    private PatchOperation? _operation;
    private string? _keySchema;
    private string? _key;

    public bool Changed => _changedCount > 0;

    public ImmutableArray<AttributePath> ChangedAttributes => _changedCount == _changed?.Length
        ? ImmutableCollectionsMarshal.AsImmutableArray(_changed)
        : [.. _changed.AsSpan(0, _changedCount)];

    public void Apply(int index)
    {
        var operation = request.Operations[index];
        _index = index;
        _operation = operation;
        _key = null;
        _keySchema = null;
        if (operation.Path is { } path)
        {
            ApplyPath(operation.Op, path, operation.Value, cacheable: true);
            return;
        }

        if (operation.Op == PatchOperationType.Remove)
        {
            throw Error(ScimErrorType.NoTarget, "remove needs a \"path\" to say what to remove (RFC 7644 §3.5.2.2)");
        }

        if (operation.Value is not JsonObject attributes)
        {
            throw Error(ScimErrorType.InvalidValue, $"with no \"path\", \"value\" must be an object of the attributes to {PatchOperation.OpName(operation.Op)}, not {Describe(operation.Value)}");
        }

        ApplyAttributes(operation.Op, null, attributes);
    }

    /// <summary>Removes extension objects left empty and keeps <c>schemas</c> in step with the extensions present.</summary>
    public void Finish()
    {
        if (!_extensionsTouched)
        {
            return;
        }

        JsonArray? schemas = null;
        var schemasAt = -1;
        var schemasChanged = false;
        foreach (var extension in type.SchemaExtensions)
        {
            var node = Find(root, extension.Schema, out var at);
            var present = node is JsonObject { Count: > 0 };
            if (node is JsonObject { Count: 0 })
            {
                root.RemoveAt(at);
            }

            // An extension that was there and still is needs no look at schemas (the validator lists it anyway).
            if (!Changed || (present && !_extensionCreated))
            {
                continue;
            }

            schemas ??= Find(root, "schemas", out schemasAt) as JsonArray;
            var listed = IndexOf(schemas, extension.Schema);
            if (present && listed < 0)
            {
                if (schemas is null)
                {
                    schemas = [(JsonNode)type.Schema];
                    Put(root, schemasAt, "schemas", schemas);
                }

                schemas.Add((JsonNode)extension.Schema);
                schemasChanged = true;
            }
            else if (!present && listed >= 0)
            {
                schemas!.RemoveAt(listed);
                schemasChanged = true;
            }
        }

        if (schemasChanged)
        {
            MarkChanged(new AttributePath("schemas"));
        }

        static int IndexOf(JsonArray? schemas, string urn)
        {
            for (var i = 0; schemas is not null && i < schemas.Count; i++)
            {
                if (StringEquals(schemas[i], urn, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            return -1;
        }
    }

    /// <summary>An add or replace with no path: each key of the value is applied as a path (RFC 7644 §3.5.2.1, §3.5.2.3).</summary>
    private void ApplyAttributes(PatchOperationType op, ScimSchema? schema, JsonObject attributes)
    {
        for (var i = 0; i < attributes.Count; i++)
        {
            var (key, value) = attributes.GetAt(i);
            _keySchema = schema?.Id;
            _key = key;
            if (schema is null && FindSchemaOfType(key) is { } named)
            {
                ApplySchemaObject(op, named, value);
                continue;
            }

            ApplyPath(op, KeyPath(schema, key), value, cacheable: false);
        }

        _keySchema = null;
        _key = null;
    }

    /// <summary>The whole object of a schema: <c>"urn:...:enterprise:2.0:User": {...}</c> as a key, or as a path.</summary>
    private void ApplySchemaObject(PatchOperationType op, ScimSchema schema, JsonNode? value)
    {
        var isCore = string.Equals(schema.Id, type.Schema, StringComparison.OrdinalIgnoreCase);
        if (value is JsonObject attributes && op != PatchOperationType.Remove)
        {
            ApplyAttributes(op, schema, attributes);
            return;
        }

        if (value is not null && op != PatchOperationType.Remove)
        {
            throw Error(ScimErrorType.InvalidValue, $"'{schema.Id}' takes an object of its attributes, not {Describe(value)}");
        }

        if (op == PatchOperationType.Add)
        {
            return; // adding null adds nothing
        }

        if (isCore)
        {
            throw Error(ScimErrorType.InvalidPath, $"the core schema '{schema.Id}' cannot be removed; name its attributes");
        }

        if (Find(root, schema.Id, out var at) is not JsonObject { Count: > 0 } extension)
        {
            ThrowIfRemoveOfAbsentFails(op, $"the resource has no '{schema.Id}' attributes to remove");
            return;
        }

        if (type.SchemaExtensions.Any(e => e.Required && string.Equals(e.Schema, schema.Id, StringComparison.OrdinalIgnoreCase)))
        {
            throw Error(ScimErrorType.Mutability, $"the extension '{schema.Id}' is required for {type.Name} resources, so it cannot be removed");
        }

        for (var i = 0; i < extension.Count; i++)
        {
            var (name, node) = extension.GetAt(i);
            if (schema.FindAttribute(name) is { } attribute && IsAssigned(node))
            {
                CheckChange(attribute, null, wasAssigned: true, removing: true);
                MarkChanged(new AttributePath(schema.Id, attribute.Name));
            }
        }

        root.RemoveAt(at);
        _extensionsTouched = true;
    }

    private void ApplyPath(PatchOperationType op, AttributePath path, JsonNode? value, bool cacheable)
    {
        if (op == PatchOperationType.Add && value is null)
        {
            return; // adding null adds nothing (a key of a no-path value)
        }

        var resolution = cacheable ? request.Resolutions[_index] : null;
        if (resolution is null || !resolution.Fits(registry, type))
        {
            if (!registry.TryResolve(type, path, out var resolved, out var problem))
            {
                // "urn:...:enterprise:2.0:User" parses as attribute "User" of schema "urn:...:2.0".
                if (path is { ValueFilter: null, SubAttributeName: null, SchemaUrn: { } urn }
                    && FindSchemaOfType(string.Concat(urn, ":", path.AttributeName)) is { } schema)
                {
                    ApplySchemaObject(op, schema, value);
                    return;
                }

                throw Error(ScimErrorType.InvalidPath, problem);
            }

            CheckShape(path, resolved);
            resolution = new PathResolution(registry, type, path, resolved);
            if (cacheable)
            {
                request.Resolutions[_index] = resolution;
            }
        }

        var attribute = resolution.Resolved.Attribute;
        var owner = Owner(resolution.Resolved, create: op != PatchOperationType.Remove && value is not null);
        if (path.ValueFilter is { } filter)
        {
            ApplyFiltered(op, resolution, owner, filter, value);
        }
        else if (attribute.MultiValued)
        {
            ApplyMultiValued(op, resolution, owner, value);
        }
        else if (resolution.Resolved.SubAttribute is { } sub)
        {
            ApplySubAttribute(op, resolution, owner, sub, value);
        }
        else
        {
            ApplySingle(op, resolution, owner, value);
        }
    }

    /// <summary>Value filters only on multi-valued complex attributes, naming their sub-attributes; a sub-attribute of a multi-valued attribute only through a filter.</summary>
    private void CheckShape(AttributePath path, ResolvedAttribute resolved)
    {
        var attribute = resolved.Attribute;
        if (path.ValueFilter is { } filter)
        {
            if (!attribute.MultiValued || attribute.Type != AttributeType.Complex)
            {
                throw Error(ScimErrorType.InvalidPath, $"'{attribute.Name}' is not a multi-valued complex attribute, so it takes no value filter");
            }

            CheckFilter(attribute, filter);
        }
        else if (attribute.MultiValued && resolved.SubAttribute is { } sub)
        {
            throw Error(ScimErrorType.InvalidPath,
                $"'{attribute.Name}' is multi-valued; select the values with a filter to reach '{sub.Name}', e.g. {attribute.Name}[type eq \"work\"].{sub.Name}");
        }
    }

    /// <summary>The object that holds the attribute: the resource, or its extension object (made when writing).</summary>
    private JsonObject? Owner(ResolvedAttribute resolved, bool create)
    {
        if (!resolved.IsExtension)
        {
            return root;
        }

        _extensionsTouched = true;
        if (Find(root, resolved.Schema.Id, out var at) is JsonObject extension)
        {
            return extension;
        }

        if (!create)
        {
            return null;
        }

        extension = [];
        Put(root, at, resolved.Schema.Id, extension);
        _extensionCreated = true;
        return extension;
    }

    private ScimSchema? FindSchemaOfType(string key)
    {
        if (!key.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (string.Equals(key, type.Schema, StringComparison.OrdinalIgnoreCase))
        {
            return registry.FindSchema(type.Schema);
        }

        foreach (var extension in type.SchemaExtensions)
        {
            if (string.Equals(key, extension.Schema, StringComparison.OrdinalIgnoreCase))
            {
                return registry.FindSchema(extension.Schema);
            }
        }

        return null;
    }

    /// <summary>A key of a no-path value (or of a schema object inside it) as a path.</summary>
    private AttributePath KeyPath(ScimSchema? schema, string key)
    {
        if (key.Length > 0 && key.AsSpan().IndexOfAny(".:[") < 0)
        {
            return new AttributePath(schema?.Id, key);
        }

        if (key.Length == 0 || !options.AllowPathKeys)
        {
            throw Error(ScimErrorType.InvalidPath, $"'{key}' is not an attribute name; with no \"path\", the keys of \"value\" are attribute names");
        }

        var text = schema is null ? key : string.Concat(schema.Id, ":", key);
        return AttributePath.TryParse(text, options.PathOptions, out var path, out var error)
            ? path
            : throw Error(ScimErrorType.InvalidPath, error.Detail.TrimEnd('.'));
    }

    private void MarkChanged(AttributePath attribute)
    {
        for (var i = 0; i < _changedCount; i++)
        {
            if (ReferenceEquals(_changed![i], attribute) || _changed[i].Equals(attribute))
            {
                return;
            }
        }

        _changed ??= new AttributePath[request.Operations.Length];
        if (_changedCount == _changed.Length)
        {
            Array.Resize(ref _changed, _changedCount * 2);
        }

        _changed[_changedCount++] = attribute;
    }

    /// <summary>The checks for writing <paramref name="proposed"/> over <paramref name="current"/>; a readWrite optional attribute, the usual target, needs no look at either.</summary>
    private void CheckChange(SchemaAttribute attribute, SchemaAttribute? parent, JsonNode? current, JsonNode? proposed)
    {
        if (attribute.Mutability is Mutability.ReadWrite or Mutability.WriteOnly && !attribute.Required)
        {
            return;
        }

        CheckChange(attribute, parent, IsAssigned(current), removing: !IsAssigned(proposed));
    }

    /// <summary>RFC 7644 §3.5.2 and §3.5.2.2: readOnly never changes, immutable only while unassigned, required never goes.</summary>
    private void CheckChange(SchemaAttribute attribute, SchemaAttribute? parent, bool wasAssigned, bool removing)
    {
        if (attribute.Mutability == Mutability.ReadOnly)
        {
            throw Error(ScimErrorType.Mutability, $"'{Name(attribute, parent)}' is readOnly; the service provider sets it");
        }

        if (attribute.Mutability == Mutability.Immutable && wasAssigned)
        {
            throw Error(ScimErrorType.Mutability, $"'{Name(attribute, parent)}' is immutable; it can only be set while it has no value");
        }

        if (removing && attribute.Required)
        {
            throw Error(ScimErrorType.Mutability, $"'{Name(attribute, parent)}' is required, so it cannot be removed");
        }
    }

    private void ThrowIfRemoveOfAbsentFails(PatchOperationType op, string reason)
    {
        if (op == PatchOperationType.Remove && !options.IgnoreRemoveOfAbsent)
        {
            throw Error(ScimErrorType.NoTarget, reason);
        }
    }

    private static string Name(SchemaAttribute attribute, SchemaAttribute? parent) =>
        parent is null ? attribute.Name : string.Concat(parent.Name, ".", attribute.Name);

    private ScimException Error(ScimErrorType errorType, string reason)
    {
        var operation = _operation!;
        var op = PatchOperation.OpName(operation.Op);
        var target = operation.Path is { } path ? $"{op} {path}"
            : _key is null ? $"{op} with no path"
            : _keySchema is null ? $"{op} with no path, attribute '{_key}'"
            : $"{op} with no path, attribute '{_keySchema}:{_key}'";
        return new ScimException(400, errorType, $"Operation {_index} ({target}): {reason}.");
    }
}
