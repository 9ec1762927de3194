using System.Text.Json.Nodes;

namespace Scim.Core.Tests.Patching;

/// <summary>
/// Builds random PATCH operations for users and groups in the shapes RFC 7644 and real clients use: valid ones (which
/// must apply and leave the resource schema-valid) and invalid ones (which must fail and change nothing). Values come
/// from small pools so filters match and adds collide with what is there. Seeded, so a failure names the seed that
/// reproduces it.
/// </summary>
internal sealed class RandomPatchGenerator(int seed)
{
    public const string Enterprise = PatchTesting.Enterprise;

    private static readonly string[] SimpleAttributes = ["displayName", "nickName", "title", "userType", "preferredLanguage", "locale", "timezone", "externalId"];
    private static readonly string[] NameParts = ["formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"];
    private static readonly string[] MultiValued = ["emails", "phoneNumbers", "ims"];
    private static readonly string[] AddressParts = ["streetAddress", "locality", "region", "postalCode", "country", "formatted"];
    private static readonly string[] Types = ["work", "home", "other", "mobile"];
    private static readonly string[] EnterpriseAttributes = ["employeeNumber", "costCenter", "organization", "division", "department"];
    private static readonly string[] Words = ["Babs", "Barbara", "Jensen", "Tour Guide", "Ünïcödé", "a\"quote", "x", "Sales", "EN-us"];
    private static readonly string[] Addresses = ["a@example.com", "b@example.com", "A@EXAMPLE.COM", "c@example.org"];
    private static readonly string[] Members = ["m1", "m2", "m3", "m4", "m5", "M1"];

    private readonly Random _random = new(seed);

    /// <summary>Simple attributes and the value each valid request leaves them with, when it sets or removes them.</summary>
    public Dictionary<string, JsonNode?> Expected { get; } = new(StringComparer.Ordinal);

    public string ValidUserOperation()
    {
        switch (_random.Next(18))
        {
            case 0:
            case 1:
                var name = Pick(SimpleAttributes);
                var text = Pick(Words);
                Expected[name] = text;
                return Op(Pick("add", "Add", "replace", "Replace"), name, JsonValue.Create(text));
            case 2:
                var removed = Pick(SimpleAttributes);
                Expected[removed] = null;
                return Op("remove", removed);
            case 3:
                var active = _random.Next(2) == 0;
                Expected["active"] = active;
                return Op("Replace", "active", _random.Next(2) == 0 ? JsonValue.Create(active) : JsonValue.Create(active ? "True" : "False"));
            case 4:
                return Op(Pick("add", "replace"), "name", NameObject());
            case 5:
                return _random.Next(3) == 0 ? Op("remove", "name." + Pick(NameParts)) : Op("replace", "name." + Pick(NameParts), JsonValue.Create(Pick(Words)));
            case 6:
                return Op("add", Pick(MultiValued), Values());
            case 7:
                return Op("replace", Pick(MultiValued), Values());
            case 8:
                return Op("remove", $"{Pick(MultiValued)}[type eq \"{Pick(Types)}\"]");
            case 9:
                // Entra ID creates the element when the filter matches nothing.
                return Op("Add", $"{Pick(MultiValued)}[type eq \"{Pick(Types)}\"].value", JsonValue.Create(Pick(Addresses)));
            case 10:
                return Op("Add", $"{Pick(MultiValued)}[type eq \"{Pick(Types)}\"].primary", JsonValue.Create(_random.Next(2) == 0 ? "True" : "false"));
            case 11:
                return Op("Add", $"addresses[type eq \"{Pick("work", "home")}\"].{Pick(AddressParts)}", JsonValue.Create(Pick(Words)));
            case 12:
                return _random.Next(2) == 0
                    ? Op("remove", $"addresses[type eq \"{Pick(Types)}\"]")
                    : Op("remove", $"{Pick(MultiValued)}", new JsonArray(new JsonObject { ["value"] = Pick(Addresses) }));
            case 13:
                var attribute = Pick(EnterpriseAttributes);
                return _random.Next(3) == 0 ? Op("remove", $"{Enterprise}:{attribute}") : Op("Add", $"{Enterprise}:{attribute}", JsonValue.Create(Pick(Words)));
            case 14:
                return _random.Next(2) == 0
                    ? Op("Add", $"{Enterprise}:manager", JsonValue.Create(Pick(Members)))
                    : Op("replace", "manager", new JsonObject { ["value"] = Pick(Members), ["displayName"] = "ignored" });
            case 15:
                return _random.Next(4) == 0 ? Op("remove", Enterprise) : Op("remove", $"{Enterprise}:manager");
            case 16:
                var simple = Pick(SimpleAttributes);
                var word = Pick(Words);
                Expected[simple] = word;
                return NoPath(Pick("add", "replace"), new JsonObject
                {
                    [simple] = word,
                    ["name." + Pick(NameParts)] = Pick(Words),
                    [$"{Enterprise}:{Pick(EnterpriseAttributes)}"] = Pick(Words),
                });
            default:
                return NoPath("replace", new JsonObject { [Enterprise] = new JsonObject { [Pick(EnterpriseAttributes)] = Pick(Words) } });
        }
    }

    /// <summary>An operation that must fail whatever the user looks like, with the scimType it must fail with.</summary>
    public (string Operation, string ScimType) InvalidUserOperation() => _random.Next(10) switch
    {
        0 => (Op("remove", "userName"), "Mutability"),
        1 => (Op("replace", "id", JsonValue.Create("other-id")), "Mutability"),
        2 => (Op("replace", "meta.version", JsonValue.Create("W/\"x\"")), "Mutability"),
        3 => (Op("add", "nickname2", JsonValue.Create("x")), "InvalidPath"),
        4 => (Op("Replace", "active", JsonValue.Create("maybe")), "InvalidValue"),
        5 => (Op("replace", $"{Pick(MultiValued)}[type eq \"pager\"].value", JsonValue.Create("x")), "NoTarget"),
        6 => ("""{"op":"remove"}""", "NoTarget"),
        7 => (Op("replace", "name", JsonValue.Create("Barbara")), "InvalidValue"),
        8 => (Op("add", "groups", new JsonArray(new JsonObject { ["value"] = "g1" })), "Mutability"),
        _ => (Op("add", "emails.value", JsonValue.Create("x")), "InvalidPath"),
    };

    /// <summary>A member operation on a group, and what it does to the set of member ids.</summary>
    public (string Operation, Action<HashSet<string>> Model) GroupOperation()
    {
        var ids = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Pick(Members)).ToArray();
        var values = new JsonArray([.. ids.Select(id => (JsonNode)new JsonObject { ["value"] = id, ["$ref"] = null })]);
        return _random.Next(7) switch
        {
            0 or 1 => (Op(Pick("add", "Add"), "members", values), set => set.UnionWith(ids)),
            2 => (Op("remove", $"members[value eq \"{ids[0]}\"]"), set => set.Remove(ids[0])),
            3 => (Op("Remove", "members", values), set => set.ExceptWith(ids)),
            4 => (Op("replace", "members", values), set => { set.Clear(); set.UnionWith(ids); }),
            5 => (Op("replace", "displayName", JsonValue.Create(Pick(Words))), _ => { }),
            _ when _random.Next(3) == 0 => (Op("remove", "members"), set => set.Clear()),
            _ => (Op("remove", $"members[value eq \"{ids[0]}\" or value eq \"{ids[^1]}\"]"), set => { set.Remove(ids[0]); set.Remove(ids[^1]); }),
        };
    }

    public int Next(int max) => _random.Next(max);

    private JsonObject NameObject()
    {
        var name = new JsonObject();
        foreach (var part in NameParts)
        {
            if (_random.Next(3) == 0)
            {
                name[part] = Pick(Words);
            }
        }

        name[Pick(NameParts)] = Pick(Words);
        return name;
    }

    private JsonArray Values()
    {
        var values = new JsonArray();
        for (var i = _random.Next(0, 3); i >= 0; i--)
        {
            var value = new JsonObject { ["value"] = Pick(Addresses), ["type"] = Pick(Types) };
            if (_random.Next(3) == 0)
            {
                value["primary"] = _random.Next(2) == 0;
            }

            values.Add((JsonNode)value);
        }

        return values;
    }

    private T Pick<T>(params T[] items) => items[_random.Next(items.Length)];

    private static string Op(string op, string path, JsonNode? value = null)
    {
        var json = new JsonObject { ["op"] = op, ["path"] = path };
        if (value is not null)
        {
            json["value"] = value;
        }

        return json.ToJsonString();
    }

    private static string NoPath(string op, JsonObject value) => new JsonObject { ["op"] = op, ["value"] = value }.ToJsonString();
}
