using System.Text.Json.Nodes;

namespace Scim.Testing;

/// <summary>
/// Breaks valid input at random, so generated tests explore the edge of the grammar rather than only noise: a few
/// character edits or a cut in text, and in a JSON tree values swapped for other kinds, members dropped or added.
/// </summary>
internal static class Mutations
{
    /// <summary>Characters that matter to the filter and path grammar, and a few that never belong in it.</summary>
    public const string FilterAlphabet = "()[]\"\\ .:$-_aAzZ09eqnotrpwsgl\t\u0000\u00e9\ud800[](";

    /// <summary>Characters that matter to JSON.</summary>
    public const string JsonAlphabet = "{}[]\":,\\ 01-9.eE+tfnrulasx\u0000\u00e9";

    private static readonly string[] Names =
    [
        "schemas", "id", "externalId", "userName", "displayName", "active", "name", "givenName", "familyName", "emails",
        "value", "type", "primary", "display", "$ref", "members", "groups", "manager", "meta", "version", "password",
        "addresses", "phoneNumbers", "Operations", "op", "path", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
        "urn:ietf:params:scim:schemas:core:2.0:User:name.givenName", "emails[type eq \"work\"].value", "members[value eq \"x\"]",
    ];

    private static readonly string[] Words =
    [
        "", "x", "True", "false", "work", "urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:api:messages:2.0:PatchOp",
        "2011-05-13T04:42:34Z", "not a date", "a\"b\\c", "\u0000\u001f", "Ünïcödé", "add", "remove", "replace", "move",
    ];

    /// <summary>One to three character insertions, deletions or replacements from <paramref name="alphabet"/>, or a cut.</summary>
    public static string Text(string text, Random random, string alphabet)
    {
        if (random.Next(8) == 0)
        {
            return text[..random.Next(text.Length + 1)];
        }

        var chars = text.ToList();
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(chars.Count + 1);
            switch (random.Next(3))
            {
                case 0:
                    chars.Insert(at, alphabet[random.Next(alphabet.Length)]);
                    break;
                case 1 when at < chars.Count:
                    chars.RemoveAt(at);
                    break;
                default:
                    if (at < chars.Count)
                    {
                        chars[at] = alphabet[random.Next(alphabet.Length)];
                    }

                    break;
            }
        }

        return new string([.. chars]);
    }

    /// <summary>
    /// One to three structural edits anywhere in <paramref name="root"/>: a value replaced by one of another kind, a
    /// member or element removed, a member (often an attribute name) or element added.
    /// </summary>
    public static void Json(JsonNode root, Random random)
    {
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var nodes = new List<JsonNode?>();
            Collect(root, nodes);
            var node = nodes[random.Next(nodes.Count)];
            var parent = node?.Parent;
            switch (random.Next(4))
            {
                case 0 when parent is JsonObject owner:
                    owner[node!.GetPropertyName()] = Value(random, 2);
                    break;
                case 0 when parent is JsonArray array:
                    array[node!.GetElementIndex()] = Value(random, 2);
                    break;
                case 1 when parent is JsonObject owner:
                    owner.Remove(node!.GetPropertyName());
                    break;
                case 1 when parent is JsonArray array:
                    array.RemoveAt(node!.GetElementIndex());
                    break;
                case 2 when node is JsonObject target:
                    target[Names[random.Next(Names.Length)]] = Value(random, 2);
                    break;
                case 2 when node is JsonArray target:
                    target.Add(Value(random, 2));
                    break;
                default:
                    if (root is JsonObject top)
                    {
                        top[Names[random.Next(Names.Length)]] = Value(random, 2);
                    }

                    break;
            }
        }
    }

    /// <summary>A random JSON value: scalars of every kind, attribute names as values, and small nested containers.</summary>
    public static JsonNode? Value(Random random, int depth) => random.Next(depth <= 0 ? 6 : 10) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => random.Next(4) switch
        {
            0 => JsonValue.Create(random.Next(-3, 3)),
            1 => JsonValue.Create(1e308),
            2 => JsonValue.Create(-0.5m),
            _ => JsonValue.Create(long.MinValue),
        },
        3 => JsonValue.Create(Words[random.Next(Words.Length)]),
        4 => JsonValue.Create(Names[random.Next(Names.Length)]),
        5 => random.Next(2) == 0 ? new JsonObject() : new JsonArray(),
        6 => new JsonArray([.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Value(random, depth - 1))]),
        7 => new JsonArray(new JsonObject { ["value"] = Value(random, 0), ["type"] = "work", ["primary"] = Value(random, 0) }),
        _ => new JsonObject(Enumerable.Range(0, random.Next(1, 4))
            .Select(_ => new KeyValuePair<string, JsonNode?>(Names[random.Next(Names.Length)], Value(random, depth - 1)))
            .DistinctBy(p => p.Key)),
    };

    private static void Collect(JsonNode? node, List<JsonNode?> nodes)
    {
        nodes.Add(node);
        switch (node)
        {
            case JsonObject json:
                foreach (var (_, value) in json)
                {
                    Collect(value, nodes);
                }

                break;
            case JsonArray array:
                foreach (var value in array)
                {
                    Collect(value, nodes);
                }

                break;
        }
    }
}
