using System.Text.Json.Nodes;
using Scim.Core.Schema;

namespace Scim.Core.Patching;

/// <summary>
/// A hash of the values of a multi-valued attribute by their identity key (see <see cref="ValueIdentity"/>), so that
/// adding or removing k values among n costs O(n + k) rather than O(n·k). It answers "none" with certainty; a hit is
/// confirmed with <see cref="ValueIdentity.Equal"/>, and values it cannot key are looked for by a scan.
/// </summary>
internal sealed class ValueIndex
{
    private readonly SchemaAttribute _attribute;
    private readonly Dictionary<string, List<JsonNode>> _byKey;
    private readonly List<JsonNode> _unkeyed = [];

    private ValueIndex(SchemaAttribute attribute, int capacity)
    {
        _attribute = attribute;
        _byKey = new Dictionary<string, List<JsonNode>>(capacity, ValueIdentity.Comparer(attribute));
    }

    public static ValueIndex Build(SchemaAttribute attribute, IEnumerable<JsonNode?> values, int capacity)
    {
        var index = new ValueIndex(attribute, capacity);
        foreach (var value in values)
        {
            if (value is not null)
            {
                index.Add(value);
            }
        }

        return index;
    }

    public void Add(JsonNode value)
    {
        if (ValueIdentity.KeyOf(_attribute, value) is not { } key)
        {
            _unkeyed.Add(value);
        }
        else if (_byKey.TryGetValue(key, out var same))
        {
            same.Add(value);
        }
        else
        {
            _byKey.Add(key, [value]);
        }
    }

    public JsonNode? FindEqual(JsonNode candidate)
    {
        var key = ValueIdentity.KeyOf(_attribute, candidate);
        if (key is not null && _byKey.TryGetValue(key, out var same))
        {
            foreach (var value in same)
            {
                if (ValueIdentity.Equal(_attribute, value, candidate, key))
                {
                    return value;
                }
            }
        }

        // A keyed candidate can still equal an unkeyed value only when both are compared whole, which needs no key.
        if (key is null)
        {
            foreach (var value in _unkeyed)
            {
                if (JsonNode.DeepEquals(value, candidate))
                {
                    return value;
                }
            }

            foreach (var list in _byKey.Values)
            {
                foreach (var value in list)
                {
                    if (JsonNode.DeepEquals(value, candidate))
                    {
                        return value;
                    }
                }
            }
        }

        return null;
    }
}
