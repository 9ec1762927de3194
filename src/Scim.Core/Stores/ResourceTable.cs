using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Filtering;
using Scim.Core.Filtering.Evaluation;
using Scim.Core.Paths;
using Scim.Core.Resources;
using Scim.Core.Schema;

namespace Scim.Core.Stores;

/// <summary>
/// The resources of one resource type in one tenant, for <see cref="InMemoryResourceStore"/>: every write happens
/// under one lock, together with the uniqueness check and the index update. A stored <see cref="ScimResource"/> is
/// never changed after it is published (a replace stores a new one), so readers use it outside the lock.
/// </summary>
internal sealed class ResourceTable
{
    private readonly Lock _gate = new();
    private readonly ResourceType _type;
    private readonly TimeProvider _time;
    private readonly UniqueIndex[] _indexes;
    private readonly Dictionary<string, Entry> _byId = new(StringComparer.Ordinal);
    private Entry[]? _inCreationOrder;
    private long _sequence;

    public ResourceTable(SchemaRegistry registry, ResourceType type, TimeProvider time, TimeSpan cursorLifetime)
    {
        if (registry.FindResourceType(type.Name) is null)
        {
            throw new ArgumentException($"The resource type '{type.Name}' is not registered.", nameof(type));
        }

        _type = type;
        _time = time;
        Cursors = new CursorPager(time, cursorLifetime);

        // id is unique too, but it is the key of _byId. Sub-attributes are not indexed: RFC 7643 gives no meaning to
        // the uniqueness of a sub-attribute of a multi-valued complex attribute, and none of its schemas has one.
        _indexes = [.. registry.SchemasOf(type).SelectMany(s => s.Schema.Attributes
            .Where(a => a.Uniqueness != Uniqueness.None && a.Type != AttributeType.Complex && CommonAttributes.Schema.FindAttribute(a.Name) is null)
            .Select(a => new UniqueIndex(s.IsExtension ? s.Schema.Id : null, a)))];
    }

    /// <summary>Pages this table's query results by cursor; its cursors open only here.</summary>
    public CursorPager Cursors { get; }

    public Entry? Find(string id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    /// <summary>Stores <paramref name="resource"/>, which has its new id, stamping it with meta at version 1.</summary>
    public void Add(ScimResource resource)
    {
        var id = resource.Id!;
        var keys = KeysOf(resource.Json);
        lock (_gate)
        {
            CheckUnique(keys, id);
            var now = _time.GetUtcNow();
            resource.Meta = new ScimMeta(_type.Name, now, now, null, ETag(1));
            _byId.Add(id, new Entry(resource, ++_sequence, 1, keys));
            AddKeys(keys, id);
            _inCreationOrder = null;
        }
    }

    /// <summary>Stores <paramref name="resource"/> in place of the resource with its id, keeping created, at the next version.</summary>
    public void Replace(ScimResource resource, string? expectedVersion)
    {
        var id = resource.Id!;
        var keys = KeysOf(resource.Json);
        lock (_gate)
        {
            var current = Current(id, expectedVersion);
            CheckUnique(keys, id);
            var version = current.Version + 1;
            resource.Meta = current.Resource.Meta! with { LastModified = _time.GetUtcNow(), Version = ETag(version) };
            RemoveKeys(current.Keys);
            AddKeys(keys, id);
            _byId[id] = current with { Resource = resource, Version = version, Keys = keys };
            _inCreationOrder = null;
        }
    }

    public void Remove(string id, string? expectedVersion)
    {
        lock (_gate)
        {
            var current = Current(id, expectedVersion);
            RemoveKeys(current.Keys);
            _byId.Remove(id);
            _inCreationOrder = null;
        }
    }

    /// <summary>
    /// The resources that can match <paramref name="filter"/>, in creation order: one or none when the filter is an
    /// <c>eq</c> on <c>id</c> or on a unique attribute (alone or as an operand of <c>and</c>), else all of them. The
    /// caller still evaluates the whole filter on each.
    /// </summary>
    public IReadOnlyList<Entry> Candidates(ScimFilter? filter)
    {
        lock (_gate)
        {
            return filter is not null && Lookup(filter) is { } found
                ? found
                : _inCreationOrder ??= [.. _byId.Values.OrderBy(e => e.Sequence)];
        }
    }

    private static string ETag(long version) => $"W/\"{version}\"";

    /// <summary>
    /// Whether an If-Match value names <paramref name="version"/>: <c>*</c> names any; weak and strong forms of the
    /// same tag match, since our tags are weak and a client may echo the opaque part only.
    /// </summary>
    private static bool IsVersion(string expected, long version)
    {
        var tag = expected.AsSpan().Trim();
        if (tag is "*")
        {
            return true;
        }

        if (tag.StartsWith("W/", StringComparison.Ordinal))
        {
            tag = tag[2..];
        }

        return tag.SequenceEqual($"\"{version}\"");
    }

    private Entry Current(string id, string? expectedVersion)
    {
        var current = _byId.GetValueOrDefault(id) ?? throw new ScimException(404, null, $"Resource {id} not found");
        if (expectedVersion is not null && !IsVersion(expectedVersion, current.Version))
        {
            throw new ScimException(412, null, $"Resource {id} is at version {ETag(current.Version)}, not {expectedVersion}");
        }

        return current;
    }

    private IReadOnlyList<Entry>? Lookup(ScimFilter filter)
    {
        var operands = filter is AndFilter and ? and.Operands : [filter];
        foreach (var operand in operands)
        {
            if (operand is not ComparisonFilter { Operator: ComparisonOperator.Equal, Attribute: { ValueFilter: null, SubAttributeName: null } path } comparison
                || !IsIndexable(comparison.Value))
            {
                continue;
            }

            if (comparison.Value.Kind == ComparisonValueKind.String && Names(path, null, "id"))
            {
                return _byId.TryGetValue(comparison.Value.Text!, out var byId) ? [byId] : [];
            }

            foreach (var index in _indexes)
            {
                if (Names(path, index.Extension, index.Attribute.Name))
                {
                    return index.Owners.TryGetValue(comparison.Value, out var owner) ? [_byId[owner]] : [];
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether an index lookup finds exactly what the evaluator would: not for <c>""</c> (not indexed, as it is no value),
    /// nor for a date-shaped string, which a unique dateTime attribute would compare as an instant, not as text (for
    /// string attributes this is merely conservative: the lookup falls back to a scan).
    /// </summary>
    private static bool IsIndexable(ComparisonValue value) => value.Kind switch
    {
        ComparisonValueKind.String => value.Text!.Length > 0 && !ScimDateTime.TryParse(value.Text, out _),
        ComparisonValueKind.Null => false,
        _ => true,
    };

    /// <summary>Whether a bound filter path names a top-level attribute of the core schema or of the given extension.</summary>
    private bool Names(AttributePath path, string? extension, string name) =>
        string.Equals(path.AttributeName, name, StringComparison.OrdinalIgnoreCase)
        && (extension is null
            ? path.SchemaUrn is null || string.Equals(path.SchemaUrn, _type.Schema, StringComparison.OrdinalIgnoreCase)
            : string.Equals(path.SchemaUrn, extension, StringComparison.OrdinalIgnoreCase));

    private ComparisonValue[][] KeysOf(JsonObject resource)
    {
        var keys = new ComparisonValue[_indexes.Length][];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = _indexes[i].ValuesOf(resource);
        }

        return keys;
    }

    private void CheckUnique(ComparisonValue[][] keys, string id)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            foreach (var key in keys[i])
            {
                if (_indexes[i].Owners.TryGetValue(key, out var owner) && owner != id)
                {
                    throw new ScimException(409, ScimErrorType.Uniqueness, $"{_indexes[i].Name} {key} is already in use.");
                }
            }
        }
    }

    private void AddKeys(ComparisonValue[][] keys, string id)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            foreach (var key in keys[i])
            {
                _indexes[i].Owners[key] = id;
            }
        }
    }

    private void RemoveKeys(ComparisonValue[][] keys)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            foreach (var key in keys[i])
            {
                _indexes[i].Owners.Remove(key);
            }
        }
    }

    /// <summary>A stored resource with its place in creation order, its version number and its unique values per index.</summary>
    internal sealed record Entry(ScimResource Resource, long Sequence, long Version, ComparisonValue[][] Keys);

    /// <summary>The owners of the values of one unique attribute, compared as the filter evaluator compares them with <c>eq</c>.</summary>
    private sealed class UniqueIndex(string? extension, SchemaAttribute attribute)
    {
        public string? Extension => extension;

        public SchemaAttribute Attribute => attribute;

        public string Name => extension is null ? attribute.Name : $"{extension}:{attribute.Name}";

        public Dictionary<ComparisonValue, string> Owners { get; } = new(new ValueComparer(attribute.CaseExact));

        /// <summary>The values of the attribute in a resource; an empty string is no value.</summary>
        public ComparisonValue[] ValuesOf(JsonObject resource)
        {
            var scope = extension is null ? resource : JsonLeaf.Find(resource, extension) as JsonObject;
            var node = scope is null ? null : JsonLeaf.Find(scope, attribute.Name);
            var values = new List<ComparisonValue>();
            if (node is JsonArray array)
            {
                foreach (var item in array)
                {
                    Collect(item, values);
                }
            }
            else
            {
                Collect(node, values);
            }

            return [.. values];
        }

        private static void Collect(JsonNode? node, List<ComparisonValue> values)
        {
            if (node is not JsonValue value)
            {
                return;
            }

            switch (value.GetValueKind())
            {
                case JsonValueKind.String when JsonLeaf.TryGetString(value, default, out var text) && !text.IsEmpty:
                    values.Add(ComparisonValue.FromString(text.ToString()));
                    break;
                case JsonValueKind.Number when JsonLeaf.TryGetNumber(value, out var number):
                    values.Add(ComparisonValue.FromNumber(number));
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    values.Add(ComparisonValue.FromBoolean(value.GetValueKind() == JsonValueKind.True));
                    break;
            }
        }
    }

    /// <summary>Equality as <c>eq</c> has it: strings ordinally, ignoring case unless caseExact; numbers by value.</summary>
    private sealed class ValueComparer(bool caseExact) : IEqualityComparer<ComparisonValue>
    {
        private readonly StringComparer _strings = caseExact ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

        public bool Equals(ComparisonValue x, ComparisonValue y) =>
            x.Kind == y.Kind && (x.Kind == ComparisonValueKind.String ? _strings.Equals(x.Text, y.Text) : x.Number == y.Number);

        public int GetHashCode(ComparisonValue obj) =>
            obj.Kind == ComparisonValueKind.String ? _strings.GetHashCode(obj.Text!) : HashCode.Combine(obj.Kind, obj.Number);
    }
}
