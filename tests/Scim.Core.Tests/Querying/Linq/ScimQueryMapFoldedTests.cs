using Scim.Core.Filtering;
using Scim.Core.Paths;
using Scim.Core.Querying;
using Scim.Core.Querying.Linq;
using Scim.Core.Resources;
using Scim.Core.Schema;
using static Scim.Core.Tests.Querying.Linq.LinqTestUsers;

namespace Scim.Core.Tests.Querying.Linq;

/// <summary>
/// <see cref="ScimQueryMap{T}.MapFolded"/>: userName mapped to a member that holds it upper-cased selects and orders as
/// the evaluator and the comparer do, without folding the member in the query.
/// </summary>
public class ScimQueryMapFoldedTests
{
    private static readonly ScimQueryMap<UserEntity> FoldedMap = Map(foldedUserName: true);
    private static readonly SchemaRegistry Registry = SchemaRegistry.CreateDefault();

    public static TheoryData<string, CaseInsensitiveStrategy> UserNameFilters()
    {
        var data = new TheoryData<string, CaseInsensitiveStrategy>();
        foreach (var filter in ScimQueryMapFilterTests.Filters.Where(f => f.Contains("userName", StringComparison.OrdinalIgnoreCase)))
        {
            data.Add(filter, CaseInsensitiveStrategy.ToLower);
            data.Add(filter, CaseInsensitiveStrategy.ToUpper);

            // Collation in memory compares as written, so there only the folded userName still ignores case: only
            // filters on nothing else that ignores case agree with the evaluator.
            if (!filter.Contains("emails", StringComparison.Ordinal) && !filter.Contains("userType", StringComparison.Ordinal))
            {
                data.Add(filter, CaseInsensitiveStrategy.Collation);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UserNameFilters))]
    public void ToPredicate_FoldedMember_SelectsWhatTheEvaluatorSelectsWhateverTheStrategy(string text, CaseInsensitiveStrategy strategy)
    {
        var filter = ScimFilter.Parse(text);
        var expected = All.Where(u => ScimFilterEvaluator.Matches(filter, ToJson(u), IsCaseExact)).Select(u => u.Id).ToList();

        Assert.Equal(expected, InvariantCulture(() => All.AsQueryable().Where(FoldedMap.ToPredicate(filter, strategy)).Select(u => u.Id).ToList()));
    }

    [Theory]
    [InlineData("userName eq \"BJensen\"")]
    [InlineData("userName sw \"bJ\"")]
    [InlineData("userName gt \"B\"")]
    public void ToPredicate_FoldedMember_IsComparedAsStoredWithTheValueFoldedInDotNet(string text)
    {
        var predicate = FoldedMap.ToPredicate(ScimFilter.Parse(text), CaseInsensitiveStrategy.ToLower);

        Assert.Contains("UserNameKey", predicate.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ToLower", predicate.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ToUpper", predicate.ToString(), StringComparison.Ordinal);
        Assert.Contains(IdOf(1), All.AsQueryable().Where(predicate).Select(u => u.Id));
    }

    [Fact]
    public void ToPredicate_FoldedMember_IgnoresCaseOutsideAscii()
    {
        UserEntity[] users = [new() { Id = IdOf(1), UserName = "özgür.çelik@contoso.com" }, new() { Id = IdOf(2), UserName = "ozgur.celik@contoso.com" }];

        var predicate = FoldedMap.ToPredicate(ScimFilter.Parse("userName eq \"ÖZGÜR.ÇELİK@CONTOSO.COM\" or userName sw \"Özgür.Ç\""));

        Assert.Equal([IdOf(1)], users.AsQueryable().Where(predicate).Select(u => u.Id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ApplySort_FoldedMember_OrdersAsResourceComparer(bool descending)
    {
        var path = AttributePath.Parse("userName");
        var type = Registry.FindResourceType("User")!;
        var expected = All.Select(u => new ScimResource(type, ToJson(u))).Order(ResourceComparer.Create(Registry, type, path, descending)).Select(r => Guid.Parse(r.Id!));

        var actual = InvariantCulture(() => FoldedMap.ApplySort(All.AsQueryable().Reverse(), path, descending, CaseInsensitiveStrategy.Collation).Select(u => u.Id).ToList());

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void MapFolded_InvalidArguments_Throw()
    {
        var map = new ScimQueryMap<UserEntity>();

        Assert.Throws<ArgumentOutOfRangeException>(() => map.MapFolded("userName", u => u.UserNameKey, CaseInsensitiveStrategy.Collation));
        Assert.Throws<ArgumentNullException>(() => map.MapFolded("userName", null!, CaseInsensitiveStrategy.ToUpper));
        map.MapFolded("userName", u => u.UserNameKey, CaseInsensitiveStrategy.ToUpper);
        Assert.Throws<ArgumentException>(() => map.Map("USERNAME", u => u.UserName));
    }
}
