using System.Globalization;
using Scim.Core.Errors;
using Scim.Core.Paths;
using Scim.Core.Querying;
using Scim.Core.Querying.Linq;
using Scim.Core.Resources;
using Scim.Core.Schema;
using static Scim.Core.Tests.Querying.Linq.LinqTestUsers;

namespace Scim.Core.Tests.Querying.Linq;

/// <summary>
/// <see cref="ScimQueryMap{T}.ApplySort"/> in memory against <see cref="ResourceComparer"/> over the same users as SCIM
/// resources of the default User type: the same order, missing values last ascending and first descending, ties by id.
/// </summary>
public class ScimQueryMapSortTests
{
    private static readonly ScimQueryMap<UserEntity> UserMap = Map();
    private static readonly SchemaRegistry Registry = SchemaRegistry.CreateDefault();

    [Theory]
    [InlineData("userName", false)]
    [InlineData("userName", true)]
    [InlineData("USERNAME", false)]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:userName", true)]
    [InlineData("externalId", false)]
    [InlineData("externalId", true)]
    [InlineData("name.familyName", false)]
    [InlineData("name.familyName", true)]
    [InlineData("name.givenName", false)]
    [InlineData("name.givenName", true)]
    [InlineData("active", false)]
    [InlineData("active", true)]
    [InlineData("meta.lastModified", false)]
    [InlineData("meta.lastModified", true)]
    [InlineData("meta.created", false)]
    [InlineData("meta.created", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", false)]
    [InlineData("employeeNumber", true)]
    [InlineData("id", false)]
    [InlineData("id", true)]
    public void ApplySort_InMemory_OrdersAsResourceComparer(string sortBy, bool descending)
    {
        var path = AttributePath.Parse(sortBy);
        var comparer = ResourceComparer.Create(Registry, Registry.FindResourceType("User")!, path, descending);
        var expected = All.Select(u => new ScimResource(Registry.FindResourceType("User")!, ToJson(u))).Order(comparer).Select(r => Guid.Parse(r.Id!));

        foreach (var strategy in new[] { CaseInsensitiveStrategy.ToLower, CaseInsensitiveStrategy.ToUpper })
        {
            Assert.Equal(expected, Sort(path, descending, strategy));
        }
    }

    [Theory]
    [InlineData("loginCount", false, "3 1 5 4 2 6")]
    [InlineData("loginCount", true, "2 6 4 1 5 3")]
    [InlineData("balance", false, "2 4 1 6 3 5")]
    [InlineData("userType", false, "1 5 2 4 3 6")]
    [InlineData("name.familyName", false, "1 5 2 4 3 6")]
    [InlineData("name.familyName", true, "3 6 4 2 1 5")]
    [InlineData("active", true, "1 3 4 6 2 5")]
    public void ApplySort_TiesAndMissingValues_OrderById(string sortBy, bool descending, string ids)
    {
        Assert.Equal(
            ids.Split(' ').Select(n => IdOf(int.Parse(n, CultureInfo.InvariantCulture))),
            Sort(AttributePath.Parse(sortBy), descending, CaseInsensitiveStrategy.ToLower));
    }

    [Fact]
    public void ApplySort_Collation_OrdersAsWritten()
    {
        // No folding: in memory the "collation" is the current culture's string order.
        var names = UserMap.ApplySort(All.AsQueryable(), AttributePath.Parse("userName"), false, CaseInsensitiveStrategy.Collation)
            .Select(u => u.UserName).ToList();

        Assert.Equal(All.Select(u => u.UserName).Order(StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: false)), names);
    }

    [Fact]
    public void ApplySort_NoSortBy_OrdersById()
    {
        var reversed = Enumerable.Reverse(All).AsQueryable();

        Assert.Equal(All.Select(u => u.Id), UserMap.ApplySort(reversed, null, descending: true).Select(u => u.Id));
    }

    [Fact]
    public void ApplySort_NoSortByAndNoId_Throws()
    {
        var map = new ScimQueryMap<UserEntity>().Map("userName", u => u.UserName);

        Assert.Throws<InvalidOperationException>(() => map.ApplySort(All.AsQueryable(), null, false));
    }

    [Fact]
    public void ApplySort_WithoutIdMapped_KeepsTiesInSourceOrder()
    {
        var map = new ScimQueryMap<UserEntity>().Map("active", u => u.Active);

        Assert.Equal(
            All.Where(u => !u.Active).Concat(All.Where(u => u.Active)),
            map.ApplySort(All.AsQueryable(), AttributePath.Parse("active"), false));
    }

    [Theory]
    [InlineData("nickName", "'nickName' cannot be used for sorting")]
    [InlineData("emails", "'emails' is multi-valued")]
    [InlineData("emails.value", "'emails.value' is multi-valued")]
    [InlineData("emails[type eq \"work\"].value", "has a value filter")]
    public void ApplySort_UnusableSortBy_ThrowsInvalidValue(string sortBy, string detail)
    {
        var exception = Assert.Throws<ScimException>(() => UserMap.ApplySort(All.AsQueryable(), AttributePath.Parse(sortBy), false));

        Assert.Equal(ScimErrorType.InvalidValue, exception.ScimType);
        Assert.Contains(detail, exception.Detail, StringComparison.Ordinal);
    }

    private static List<Guid> Sort(AttributePath sortBy, bool descending, CaseInsensitiveStrategy strategy)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            // Start from a shuffled order so that the result owes nothing to the source order.
            var source = All.OrderBy(u => u.UserName.Length).ThenByDescending(u => u.Id).AsQueryable();
            return UserMap.ApplySort(source, sortBy, descending, strategy).Select(u => u.Id).ToList();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
