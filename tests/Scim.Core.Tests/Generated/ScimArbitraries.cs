using System.Collections.Immutable;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Scim.Core.Filtering;
using Scim.Core.Paths;
using Scim.Core.Tests.Filtering;
using Scim.Core.Tests.Patching;
using Scim.Testing;

namespace Scim.Core.Tests.Generated;

/// <summary>
/// FsCheck arbitraries built on the grammar-aware generators: FsCheck draws a seed (and a depth from its size) and the
/// seeded generators build the input, so a shrunk counterexample is still a valid tree or request. Filters and paths
/// shrink to their parts; a PATCH request shrinks by dropping valid operations.
/// </summary>
public static class ScimArbitraries
{
    private static readonly Gen<int> Seeds = Gen.Choose(0, int.MaxValue - 1);

    public static Arbitrary<ScimFilter> Filter() => Arb.From(
        Gen.Sized(size => Seeds.Select(seed => new RandomFilterGenerator(seed).Filter(depth: 1 + Math.Min(size, 100) / 25))),
        ShrinkFilter);

    public static Arbitrary<AttributePath> PatchPath() => Arb.From(
        Seeds.Select(seed => new RandomFilterGenerator(seed).PatchPath()),
        ShrinkPath);

    public static Arbitrary<MutatedText> MutatedText() => Arb.From(
        from seed in Seeds
        from path in Gen.Elements(false, true)
        let generator = new RandomFilterGenerator(seed)
        let valid = path ? generator.PatchPath().ToString() : generator.Filter(depth: 3).ToString()
        select new MutatedText(valid, Mutations.Text(valid, new Random(seed), Mutations.FilterAlphabet)));

    public static Arbitrary<GeneratedPatch> Patch() => Arb.From(Seeds.Select(GeneratePatch), ShrinkPatch);

    public static Arbitrary<MutatedPatch> MutatedPatch() => Arb.From(Seeds.Select(seed =>
    {
        var random = new Random(seed);
        var group = random.Next(3) == 0;
        var valid = group ? GenerateGroupPatch(seed) : GeneratePatch(seed).Body;
        if (random.Next(4) == 0)
        {
            return new MutatedPatch(group, Mutations.Text(valid, random, Mutations.JsonAlphabet));
        }

        // Mostly inside one operation, where the engine's cases are; now and then in the envelope.
        var body = JsonNode.Parse(valid)!;
        var operations = body["Operations"]!.AsArray();
        Mutations.Json(random.Next(8) == 0 ? body : operations[random.Next(operations.Count)]!, random);
        return new MutatedPatch(group, body.ToJsonString());
    }));

    private static string GenerateGroupPatch(int seed)
    {
        var generator = new RandomPatchGenerator(seed);
        return PatchTesting.Body("[" + string.Join(",", Enumerable.Range(0, generator.Next(4) + 1).Select(_ => generator.GroupOperation().Operation)) + "]");
    }

    private static GeneratedPatch GeneratePatch(int seed)
    {
        var generator = new RandomPatchGenerator(seed);
        var operations = Enumerable.Range(0, generator.Next(5) + 1).Select(_ => generator.ValidUserOperation()).ToList();
        if (generator.Next(3) != 0)
        {
            return new GeneratedPatch([.. operations], -1, null);
        }

        var (bad, scimType) = generator.InvalidUserOperation();
        var at = generator.Next(operations.Count + 1);
        operations.Insert(at, bad);
        return new GeneratedPatch([.. operations], at, scimType);
    }

    private static IEnumerable<GeneratedPatch> ShrinkPatch(GeneratedPatch patch)
    {
        for (var i = 0; i < patch.Operations.Length; i++)
        {
            if (i != patch.BadAt && patch.Operations.Length > 1)
            {
                yield return patch with { Operations = patch.Operations.RemoveAt(i), BadAt = patch.BadAt > i ? patch.BadAt - 1 : patch.BadAt };
            }
        }
    }

    private static IEnumerable<ScimFilter> ShrinkFilter(ScimFilter filter) => filter switch
    {
        NotFilter not => [not.Operand],
        LogicalFilter logical => logical.Operands,
        ValuePathFilter valuePath => [valuePath.Filter],
        _ => [],
    };

    private static IEnumerable<AttributePath> ShrinkPath(AttributePath path)
    {
        if (path.SchemaUrn is not null)
        {
            yield return new AttributePath(null, path.AttributeName, path.ValueFilter, path.SubAttributeName);
        }

        if (path.SubAttributeName is not null)
        {
            yield return new AttributePath(path.SchemaUrn, path.AttributeName, path.ValueFilter);
        }

        if (path.ValueFilter is not null)
        {
            yield return new AttributePath(path.SchemaUrn, path.AttributeName, null, path.SubAttributeName);
            foreach (var smaller in ShrinkFilter(path.ValueFilter))
            {
                yield return new AttributePath(path.SchemaUrn, path.AttributeName, smaller, path.SubAttributeName);
            }
        }
    }
}
