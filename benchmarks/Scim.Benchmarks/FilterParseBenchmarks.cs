using BenchmarkDotNet.Attributes;
using Scim.Core.Filtering;
using Scim.Core.Paths;

namespace Scim.Benchmarks;

/// <summary>Filter and PATCH-path parsing, from what Entra ID sends to the complex end of the grammar.</summary>
[MemoryDiagnoser]
[BenchmarkCategory("FilterParse")]
public class FilterParseBenchmarks
{
    [Benchmark(Baseline = true, Description = "userName eq \"bjensen@example.com\"")]
    public ScimFilter ParseSimple() => ScimFilter.Parse(FilterSamples.Simple);

    [Benchmark(Description = "emails[type eq \"work\"].value eq \"...\" (Entra)")]
    public ScimFilter ParseEntraValuePath() => ScimFilter.Parse(FilterSamples.EntraValuePath);

    [Benchmark(Description = "complex: URN paths + valuePath + and/or/not")]
    public ScimFilter ParseComplex() => ScimFilter.Parse(FilterSamples.Complex);

    [Benchmark(OperationsPerInvoke = 17, Description = "RFC 7644 mixed set, per filter")]
    public ScimFilter? ParseRfcExamples()
    {
        ScimFilter? last = null;
        foreach (var text in FilterSamples.RfcExamples)
        {
            last = ScimFilter.Parse(text);
        }

        return last;
    }

    [Benchmark(Description = "path members[value eq \"...\"].display")]
    public AttributePath ParsePatchPath() => AttributePath.Parse("members[value eq \"2819c223-7f76-453a-919d-413861904646\"].display");
}
