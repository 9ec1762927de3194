using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using Scim.Core.Filtering;
using Scim.Core.Querying.Linq;

namespace Scim.Benchmarks;

/// <summary>
/// Filter-to-LINQ translation (what a store over EF Core does per query before the provider compiles SQL): Entra's
/// userName lookup, its value-path email lookup over a child collection, and a mixed and/or filter.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("LinqTranslation")]
public class LinqTranslationBenchmarks
{
    private static readonly ScimQueryMap<UserRow> Map = new ScimQueryMap<UserRow>()
        .Map("id", u => u.Id)
        .Map("userName", u => u.UserName)
        .Map("externalId", u => u.ExternalId, caseExact: true)
        .Map("active", u => u.Active)
        .Map("meta.lastModified", u => u.LastModified)
        .MapCollection("emails", u => u.Emails, e => e.Map("value", m => m.Value).Map("type", m => m.Type));

    private readonly ScimFilter _userName = ScimFilter.Parse(FilterSamples.Simple);
    private readonly ScimFilter _emails = ScimFilter.Parse("emails[type eq \"work\" and value eq \"bjensen@example.com\"]");
    private readonly ScimFilter _mixed = ScimFilter.Parse(
        "(userName sw \"b\" or externalId eq \"701984\") and active eq true and meta.lastModified gt \"2011-05-13T04:42:34Z\"");

    [Benchmark(Baseline = true, Description = "userName eq \"...\" to a predicate")]
    public Expression<Func<UserRow, bool>> UserName() => Map.ToPredicate(_userName);

    [Benchmark(Description = "emails[type eq \"work\" and value eq \"...\"] to Any(...)")]
    public Expression<Func<UserRow, bool>> EmailValuePath() => Map.ToPredicate(_emails);

    [Benchmark(Description = "and/or of sw, eq, bool and dateTime gt")]
    public Expression<Func<UserRow, bool>> Mixed() => Map.ToPredicate(_mixed);

    /// <summary>An entity as a host's table would hold a user.</summary>
    public sealed class UserRow
    {
        public string Id { get; set; } = string.Empty;

        public string UserName { get; set; } = string.Empty;

        public string? ExternalId { get; set; }

        public bool Active { get; set; }

        public DateTime LastModified { get; set; }

        public List<EmailRow> Emails { get; set; } = [];
    }

    /// <summary>One of a user's emails as a child row.</summary>
    public sealed class EmailRow
    {
        public string Value { get; set; } = string.Empty;

        public string? Type { get; set; }
    }
}
