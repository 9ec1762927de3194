using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Core.Filtering.Evaluation;

namespace Scim.Core.Patching;

/// <summary>Small DOM helpers for the engine: case-insensitive lookup that reports the stored key, and SCIM's "unassigned".</summary>
internal static class PatchJson
{
    private const int ScratchLength = 256;

    /// <summary>Finds a property by name, exact case first, then case-insensitively; <paramref name="index"/> is its position, or -1.</summary>
    public static JsonNode? Find(JsonObject scope, string name, out int index) => JsonLeaf.Find(scope, name, out index);

    /// <summary>Puts a value at a position <see cref="Find(JsonObject, string, out int)"/> gave, or adds it under the name.</summary>
    public static void Put(JsonObject target, int index, string name, JsonNode? value)
    {
        if (index >= 0)
        {
            target.SetAt(index, value);
        }
        else
        {
            target.Add(name, value);
        }
    }

    /// <summary>Removes the property at a position <see cref="Find(JsonObject, string, out int)"/> gave, or by name when it was added since.</summary>
    public static void Drop(JsonObject target, int index, string name)
    {
        if (index >= 0)
        {
            target.RemoveAt(index);
        }
        else
        {
            target.Remove(name);
        }
    }

    /// <summary>A property of <paramref name="node"/> when it is an object, found as <see cref="Find(JsonObject, string, out int)"/> does.</summary>
    public static JsonNode? Find(JsonNode? node, string name) => node is JsonObject scope ? Find(scope, name, out _) : null;

    /// <summary>RFC 7643 §2.5: null, an empty array and an empty object are all "unassigned".</summary>
    public static bool IsAssigned(JsonNode? node) => node switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonObject complex => complex.Count > 0,
        _ => node.GetValueKind() != JsonValueKind.Null,
    };

    /// <summary>Whether writing <paramref name="proposed"/> over <paramref name="current"/> changes nothing.</summary>
    public static bool Same(JsonNode? current, JsonNode? proposed)
    {
        // The usual write, a primitive over a primitive: each kind is read once, not by IsAssigned and again by JsonEquals.
        if (current is JsonValue left && proposed is JsonValue right)
        {
            var kind = left.GetValueKind();
            return kind == right.GetValueKind() && ValueEquals(left, right, kind);
        }

        return IsAssigned(current) ? IsAssigned(proposed) && JsonEquals(current!, proposed!) : !IsAssigned(proposed);
    }

    /// <summary><see cref="JsonNode.DeepEquals"/>, several times faster for the strings, numbers and booleans most writes compare.</summary>
    public static bool JsonEquals(JsonNode left, JsonNode right)
    {
        if (left is not JsonValue first || right is not JsonValue second)
        {
            return JsonNode.DeepEquals(left, right);
        }

        var kind = first.GetValueKind();
        return kind == second.GetValueKind() && ValueEquals(first, second, kind);
    }

    /// <summary>Whether two values of the same <paramref name="kind"/> are equal.</summary>
    private static bool ValueEquals(JsonValue first, JsonValue second, JsonValueKind kind)
    {
        if (kind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null)
        {
            return true;
        }

        // Both read from JSON text (the usual case: the resource and the request): equal text is equal; different text
        // without escapes is different.
        if (first.TryGetValue<JsonElement>(out var leftElement) && second.TryGetValue<JsonElement>(out var rightElement))
        {
            var leftText = JsonMarshal.GetRawUtf8Value(leftElement);
            var rightText = JsonMarshal.GetRawUtf8Value(rightElement);
            if (leftText.SequenceEqual(rightText))
            {
                return true;
            }

            if (kind == JsonValueKind.String && !leftText.Contains((byte)'\\') && !rightText.Contains((byte)'\\'))
            {
                return false;
            }
        }

        switch (kind)
        {
            case JsonValueKind.String:
                Span<char> one = stackalloc char[ScratchLength];
                Span<char> two = stackalloc char[ScratchLength];
                return JsonLeaf.TryGetString(first, one, out var a) && JsonLeaf.TryGetString(second, two, out var b) && a.SequenceEqual(b);
            case JsonValueKind.Number:
                return JsonLeaf.TryGetNumber(first, out var x) && JsonLeaf.TryGetNumber(second, out var y) ? x == y : JsonNode.DeepEquals(first, second);
            default:
                return JsonNode.DeepEquals(first, second);
        }
    }

    public static bool IsTrue(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    /// <summary>Compares a stored string with a string, without materialising the stored one.</summary>
    public static bool StringEquals(JsonNode? node, string text, StringComparison comparison)
    {
        Span<char> scratch = stackalloc char[ScratchLength];
        return node is JsonValue value && JsonLeaf.TryGetString(value, scratch, out var chars) && chars.Equals(text, comparison);
    }

    /// <summary>The string a node holds, or <see langword="null"/> when it holds something else.</summary>
    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>The value as short JSON text for an error detail.</summary>
    /// <remarks>
    /// Only the first characters are written, so a value built in code that is huge, or nested deeper than a JSON
    /// writer allows (which would throw), still makes a detail, in time and stack bounded by the limit.
    /// </remarks>
    public static string Describe(JsonNode? node)
    {
        const int Limit = 60;
        var text = new StringBuilder();
        AppendJson(text, node, Limit + 1);
        return text.Length <= Limit ? text.ToString() : string.Concat(text.ToString(0, Limit), "...");
    }

    /// <summary>Appends compact JSON text, stopping once <paramref name="text"/> holds <paramref name="limit"/> characters.</summary>
    private static void AppendJson(StringBuilder text, JsonNode? node, int limit)
    {
        switch (node)
        {
            case JsonObject json:
                text.Append('{');
                for (var i = 0; i < json.Count && text.Length < limit; i++)
                {
                    var (name, value) = json.GetAt(i);
                    text.Append(i > 0 ? "," : string.Empty).Append(JsonValue.Create(name).ToJsonString()).Append(':');
                    AppendJson(text, value, limit);
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count && text.Length < limit; i++)
                {
                    text.Append(i > 0 ? "," : string.Empty);
                    AppendJson(text, array[i], limit);
                }

                text.Append(']');
                break;
            default:
                text.Append(node?.ToJsonString() ?? "null");
                break;
        }
    }
}
