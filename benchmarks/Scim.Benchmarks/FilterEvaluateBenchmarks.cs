using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Scim.Core.Filtering;

namespace Scim.Benchmarks;

/// <summary>Evaluating parsed filters against a parsed RFC 7643 user.</summary>
[MemoryDiagnoser]
[BenchmarkCategory("FilterEvaluate")]
public class FilterEvaluateBenchmarks
{
    private readonly JsonObject _user = JsonNode.Parse(FilterSamples.User)!.AsObject();
    private readonly ScimFilter _simple = ScimFilter.Parse(FilterSamples.Simple);
    private readonly ScimFilter _entra = ScimFilter.Parse(FilterSamples.EntraValuePath);
    private readonly ScimFilter _complex = ScimFilter.Parse(FilterSamples.Complex);

    [Benchmark(Baseline = true, Description = "userName eq \"bjensen@example.com\"")]
    public bool EvaluateSimple() => ScimFilterEvaluator.Matches(_simple, _user);

    [Benchmark(Description = "emails[type eq \"work\"].value eq \"...\" (Entra)")]
    public bool EvaluateEntraValuePath() => ScimFilterEvaluator.Matches(_entra, _user);

    [Benchmark(Description = "complex: URN paths + valuePath + and/or/not")]
    public bool EvaluateComplex() => ScimFilterEvaluator.Matches(_complex, _user);
}
