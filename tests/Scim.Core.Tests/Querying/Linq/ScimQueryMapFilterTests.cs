using System.Globalization;
using System.Linq.Expressions;
using Scim.Core.Errors;
using Scim.Core.Filtering;
using Scim.Core.Querying.Linq;
using Scim.Core.Schema;
using static Scim.Core.Tests.Querying.Linq.LinqTestUsers;

namespace Scim.Core.Tests.Querying.Linq;

/// <summary>
/// <see cref="ScimQueryMap{T}.ToPredicate"/> run with LINQ to objects over <see cref="LinqTestUsers.All"/>, against
/// <see cref="ScimFilterEvaluator"/> over the same users as SCIM JSON: the two must select the same users.
/// </summary>
public class ScimQueryMapFilterTests
{
    private const string Id1 = "00000000-0000-0000-0000-000000000001";

    private static readonly ScimQueryMap<UserEntity> UserMap = Map();

    /// <summary>Filters over every mapped type and shape; most select some users but not all.</summary>
    public static readonly string[] Filters =
    [
        "userName eq \"bjensen\"",
        "userName eq \"BJENSEN\"",
        "USERNAME eq \"jsmith\"",
        "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"alice\"",
        "userName ne \"bjensen\"",
        "userName co \"EN\"",
        "userName co \"\"",
        "userName sw \"j\"",
        "userName ew \"D\"",
        "userName gt \"carol\"",
        "userName ge \"carol\"",
        "userName lt \"carol\"",
        "userName le \"Carol\"",
        "userName eq null",
        "externalId eq \"BJ-001\"",
        "externalId eq \"bj-001\"",
        "externalId ne \"BJ-001\"",
        "externalId sw \"BJ\"",
        "externalId sw \"bj\"",
        "externalId pr",
        "not (externalId pr)",
        "externalId eq null",
        "externalId ne null",
        "externalId eq \"\"",
        "externalId eq \"BJ-001\" or externalId ne \"BJ-001\"",
        "name.familyName eq \"jensen\"",
        "name.familyName co \"EN\"",
        "name.familyName gt \"k\"",
        "name.givenName pr",
        "name pr",
        "name[familyName eq \"jensen\" and givenName pr]",
        "name[not (familyName eq \"Smith\")]",
        "name[givenName eq null]",
        "active eq true",
        "active eq false",
        "active ne true",
        "active pr",
        "active eq null",
        "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
        "meta.lastModified ge \"2011-05-13T04:42:34Z\"",
        "meta.lastModified eq \"2011-05-13T06:42:34+02:00\"",
        "meta.lastModified ne \"2011-05-13T04:42:34Z\"",
        "meta.lastModified lt \"2011-01-01T00:00:00.0000000Z\"",
        "meta.lastModified le \"2011-12-31t22:00:00z\"",
        "meta.created pr",
        "meta.created lt \"2011-01-01T00:00:00Z\"",
        "meta.created eq null",
        "meta.created ne \"2010-01-23T04:56:22Z\"",
        "loginCount eq 42",
        "loginCount eq 42.0",
        "loginCount gt 41",
        "loginCount ge 1000",
        "loginCount lt 1",
        "loginCount le 0",
        "loginCount ne 42",
        "loginCount pr",
        "loginCount eq null",
        "balance gt 0",
        "balance eq 10.50",
        "balance lt -2.5",
        "balance ge 1234.5678",
        "userType eq \"employee\"",
        "userType eq \"Intern\"",
        "userType ne \"Employee\"",
        "userType pr",
        "emails pr",
        "emails.value pr",
        "emails.value eq null",
        "emails eq \"bjensen@example.com\"",
        "emails co \"EXAMPLE.COM\"",
        "emails.value ew \".org\"",
        "emails.value ne \"bjensen@example.com\"",
        "emails.type eq \"work\"",
        "emails.type ne \"work\"",
        "emails.primary eq true",
        "emails.primary ne true",
        "emails[type eq \"work\" and value co \"example.com\"]",
        "emails[type eq \"work\" and primary eq true]",
        "emails[type eq \"home\" and primary eq true]",
        "emails[not (type eq \"work\")]",
        "emails[type ne \"work\"]",
        "emails[value pr]",
        "emails[value eq null]",
        "emails[value sw \"b\" or value sw \"C\"]",
        "emails[type eq \"work\"] and not (emails[value co \"example\"])",
        $"{Enterprise}:employeeNumber eq \"701984\"",
        $"{Enterprise}:employeeNumber pr",
        $"{Enterprise}:employeeNumber gt \"5\"",
        $"{Enterprise}:department co \"O\"",
        $"id eq \"{Id1}\"",
        $"id ne \"{Id1}\"",
        "id pr",
        "userName eq \"bjensen\" or userName eq \"alice\"",
        "userName sw \"b\" and active eq true",
        "not (userName eq \"bjensen\" or emails.type eq \"work\")",
        "(active eq true and loginCount gt 10) or userType eq \"intern\"",
        "active eq true and (emails[type eq \"work\"] or name.familyName pr) and not (loginCount lt 100)",
    ];

    public static TheoryData<string, CaseInsensitiveStrategy> FiltersByStrategy()
    {
        var data = new TheoryData<string, CaseInsensitiveStrategy>();
        foreach (var filter in Filters)
        {
            foreach (var strategy in Enum.GetValues<CaseInsensitiveStrategy>())
            {
                // In memory, Collation compares strings ordinally but orders them by culture; the evaluator orders
                // ordinally, which agrees with a culture only on one-case text.
                if (strategy != CaseInsensitiveStrategy.Collation || !OrdersStrings(filter))
                {
                    data.Add(filter, strategy);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FiltersByStrategy))]
    public void ToPredicate_InMemory_SelectsWhatTheEvaluatorSelects(string text, CaseInsensitiveStrategy strategy)
    {
        var filter = ScimFilter.Parse(text);
        Func<Core.Paths.AttributePath, bool> isCaseExact = strategy == CaseInsensitiveStrategy.Collation
            ? path => !string.Equals(path.AttributeName, "userType", StringComparison.OrdinalIgnoreCase) // enum names parse ignoring case
            : IsCaseExact;
        var expected = All.Where(u => ScimFilterEvaluator.Matches(filter, ToJson(u), isCaseExact)).Select(u => u.Id);

        var actual = InvariantCulture(() => Select(filter, strategy));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Filters_Table_MostRowsSelectSomeButNotAll()
    {
        var discriminating = Filters.Count(row =>
        {
            var count = Select(ScimFilter.Parse(row), CaseInsensitiveStrategy.ToLower).Count;
            return count > 0 && count < All.Length;
        });

        Assert.True(discriminating >= Filters.Length * 9 / 10, $"{discriminating} of {Filters.Length} rows discriminate.");
    }

    [Theory]
    [InlineData("userName eq \"BJENSEN\"", CaseInsensitiveStrategy.ToLower, "bjensen")]
    [InlineData("userName eq \"BJENSEN\"", CaseInsensitiveStrategy.Collation, "")]
    [InlineData("emails co \"EXAMPLE.COM\"", CaseInsensitiveStrategy.ToUpper, "bjensen JSmith carol")]
    [InlineData("externalId eq \"bj-001\"", CaseInsensitiveStrategy.ToLower, "")]
    [InlineData("emails[type eq \"work\" and primary eq true]", CaseInsensitiveStrategy.ToLower, "bjensen carol")]
    [InlineData("emails.value ne \"bjensen@example.com\"", CaseInsensitiveStrategy.ToLower, "JSmith alice Zed.Ward carol dave")]
    [InlineData("employeeNumber eq \"701984\"", CaseInsensitiveStrategy.ToLower, "bjensen")]
    [InlineData("name[givenName eq null]", CaseInsensitiveStrategy.ToLower, "Zed.Ward carol dave")]
    public void ToPredicate_Examples_SelectTheseUsers(string text, CaseInsensitiveStrategy strategy, string userNames)
    {
        var actual = InvariantCulture(() => All.AsQueryable().Where(UserMap.ToPredicate(ScimFilter.Parse(text), strategy)).Select(u => u.UserName).ToList());

        Assert.Equal(userNames.Split(' ', StringSplitOptions.RemoveEmptyEntries), actual);
    }

    [Theory]
    [InlineData("employeeNumber pr")]
    [InlineData("Department co \"o\"")]
    [InlineData("employeeNumber eq \"701984\" or department eq \"sales\"")]
    public void ToPredicate_UnqualifiedExtensionAttribute_SelectsWhatTheEvaluatorSelectsOnceBound(string text)
    {
        var registry = SchemaRegistry.CreateDefault();
        var bound = ScimFilterValidator.Bind(ScimFilter.Parse(text), registry, registry.FindResourceType("User")!);
        var expected = All.Where(u => ScimFilterEvaluator.Matches(bound, ToJson(u), IsCaseExact)).Select(u => u.Id);

        var actual = Select(ScimFilter.Parse(text), CaseInsensitiveStrategy.ToLower);

        Assert.NotEmpty(actual);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("nickName eq \"babs\"", "nickName")]
    [InlineData("nickName pr", "nickName")]
    [InlineData("name.middleName pr", "name.middleName")]
    [InlineData("name[middleName eq \"Jane\"]", "name.middleName")]
    [InlineData("emails.display eq \"x\"", "emails.display")]
    [InlineData("emails[display eq \"x\"]", "emails.display")]
    [InlineData("emails[type eq \"work\" and display pr]", "emails.display")]
    [InlineData("phoneNumbers[type eq \"work\"]", "phoneNumbers")]
    [InlineData("userName eq \"bjensen\" and title pr", "title")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"x\"", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value")]
    [InlineData("urn:example:params:scim:schemas:extension:other:1.0:User:employeeNumber eq \"1\"", "urn:example:params:scim:schemas:extension:other:1.0:User:employeeNumber")]
    public void ToPredicate_UnmappedAttribute_ThrowsInvalidFilterNamingIt(string text, string attribute)
    {
        var exception = Assert.Throws<ScimException>(() => UserMap.ToPredicate(ScimFilter.Parse(text)));

        Assert.Equal(400, exception.Status);
        Assert.Equal(ScimErrorType.InvalidFilter, exception.ScimType);
        Assert.Equal($"The filter attribute '{attribute}' cannot be used for searching.", exception.Detail);
    }

    [Theory]
    [InlineData("userName eq 5", "'userName' is a string")]
    [InlineData("userName eq true", "'userName' is a string")]
    [InlineData("active eq \"true\"", "'active' is a boolean")]
    [InlineData("loginCount eq \"42\"", "'loginCount' is an integer")]
    [InlineData("loginCount eq 1.5", "'loginCount' is an integer")]
    [InlineData("loginCount gt 3000000000", "'loginCount' is an integer")]
    [InlineData("balance eq \"1\"", "'balance' is a number")]
    [InlineData("meta.lastModified gt \"yesterday\"", "'meta.lastModified' is a dateTime")]
    [InlineData("meta.lastModified gt 2011", "'meta.lastModified' is a dateTime")]
    [InlineData("meta.created co \"2011\"", "'meta.created' is a dateTime")]
    [InlineData("id eq \"bjensen\"", "'id' is a GUID")]
    [InlineData("id sw \"0000\"", "'id' is a GUID")]
    [InlineData("userType eq \"Manager\"", "'userType' takes one of Employee, Contractor, Intern")]
    [InlineData("userType eq \"1\"", "'userType' takes one of Employee, Contractor, Intern")]
    [InlineData("userType sw \"Emp\"", "'userType' takes one of Employee, Contractor, Intern")]
    public void ToPredicate_ValueOrOperatorDoesNotSuitTheMember_ThrowsInvalidFilterNamingIt(string text, string detail)
    {
        var exception = Assert.Throws<ScimException>(() => UserMap.ToPredicate(ScimFilter.Parse(text)));

        Assert.Equal(ScimErrorType.InvalidFilter, exception.ScimType);
        Assert.Contains(detail, exception.Detail, StringComparison.Ordinal);
        Assert.StartsWith($"Invalid filter '", exception.Detail, StringComparison.Ordinal);
    }

    /// <summary>Comparisons the parser already refuses, built as trees: the translator must refuse them too.</summary>
    public static TheoryData<ScimFilter, string> UnparseableComparisons() => new()
    {
        { Compare("emails", "value", ComparisonOperator.Contains, 1m), "'emails.value' is a string" },
        { new ValuePathFilter(new("emails"), Compare("value", null, ComparisonOperator.Contains, 1m)), "'emails.value' is a string" },
        { Compare("active", null, ComparisonOperator.GreaterThan, false), "'active' is a boolean" },
        { new ValuePathFilter(new("emails"), Compare("primary", null, ComparisonOperator.Contains, true)), "'emails.primary' is a boolean" },
        { Compare("loginCount", null, ComparisonOperator.Contains, 4m), "'loginCount' is an integer" },
        { Compare("balance", null, ComparisonOperator.StartsWith, 1m), "'balance' is a number" },
    };

    [Theory]
    [MemberData(nameof(UnparseableComparisons))]
    public void ToPredicate_OperatorThatTheMemberDoesNotSupport_ThrowsInvalidFilterNamingIt(ScimFilter filter, string detail)
    {
        var exception = Assert.Throws<ScimException>(() => UserMap.ToPredicate(filter));

        Assert.Equal(ScimErrorType.InvalidFilter, exception.ScimType);
        Assert.Contains(detail, exception.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ToPredicate_CaseExactMapping_ComparesAsWritten()
    {
        var map = new ScimQueryMap<UserEntity>().Map("userName", u => u.UserName, caseExact: true);

        Assert.Empty(All.AsQueryable().Where(map.ToPredicate(ScimFilter.Parse("userName eq \"BJENSEN\""))));
        Assert.Single(All.AsQueryable().Where(map.ToPredicate(ScimFilter.Parse("userName eq \"bjensen\""))));
    }

    [Fact]
    public void ToPredicate_CustomCoreSchema_QualifiedPathNamesTheUnqualifiedAttribute()
    {
        var map = new ScimQueryMap<UserEntity>("urn:example:params:scim:schemas:core:1.0:Account").Map("userName", u => u.UserName);

        var predicate = map.ToPredicate(ScimFilter.Parse("urn:example:params:scim:schemas:core:1.0:Account:userName eq \"alice\""));

        Assert.Equal("alice", Assert.Single(All.AsQueryable().Where(predicate)).UserName);
    }

    [Fact]
    public void ToPredicate_FlatMultiValuedAttribute_ComparesTheSingleColumn()
    {
        // An entity with one email column: "emails.value" mapped flat, and "emails" compared through it.
        var map = new ScimQueryMap<UserEntity>().Map("emails.value", u => u.EmployeeNumber);

        Assert.Equal(
            ["bjensen"],
            All.AsQueryable().Where(map.ToPredicate(ScimFilter.Parse("emails eq \"701984\" and emails[value sw \"7\"]"))).Select(u => u.UserName));
    }

    [Fact]
    public void ToPredicate_TwoExtensionsMapTheSameName_UnqualifiedNameIsUnmapped()
    {
        var map = new ScimQueryMap<UserEntity>()
            .Map("urn:example:a:2.0:User:code", u => u.EmployeeNumber)
            .Map("urn:example:b:2.0:User:code", u => u.Department);

        Assert.Throws<ScimException>(() => map.ToPredicate(ScimFilter.Parse("code pr")));
        Assert.NotNull(map.ToPredicate(ScimFilter.Parse("urn:example:b:2.0:User:code pr")));
    }

    [Fact]
    public void ToPredicate_FilterValues_AreCapturedNotInlined()
    {
        var predicate = UserMap.ToPredicate(ScimFilter.Parse(
            "userName eq \"Needle1\" and loginCount gt 4242 and meta.lastModified lt \"2031-01-01T00:00:00Z\" and emails[value co \"needle2\"] and userType eq \"Intern\""));

        var constants = ExpressionInspector.Constants(predicate).Select(c => c.Value).ToList();

        Assert.DoesNotContain(constants, v => v is string s && s.Contains("needle", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(constants, v => v is 4242 or UserKind.Intern || v is DateTimeOffset);
        Assert.Equal(5, ExpressionInspector.CapturedValues(predicate).Count);
    }

    [Fact]
    public void ToPredicate_SameShapeWithOtherValues_BuildsTheSameTreeExceptForTheValues()
    {
        var first = UserMap.ToPredicate(ScimFilter.Parse("userName eq \"a\" and loginCount gt 1")).ToString();
        var second = UserMap.ToPredicate(ScimFilter.Parse("userName eq \"b\" and loginCount gt 2")).ToString();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Map_InvalidArguments_Throw()
    {
        var map = new ScimQueryMap<UserEntity>().Map("userName", u => u.UserName);

        Assert.Throws<ArgumentException>(() => map.Map("USERNAME", u => u.ExternalId));
        Assert.Throws<ArgumentException>(() => map.Map("urn:ietf:params:scim:schemas:core:2.0:User:userName", u => u.ExternalId));
        Assert.Throws<ArgumentException>(() => map.Map("emails[type eq \"work\"].value", u => u.ExternalId));
        Assert.Throws<ArgumentException>(() => map.Map("not a path", u => u.ExternalId));
        Assert.Throws<ArgumentException>(() => map.Map("duration", u => TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => map.Map("emailList", u => u.Emails));
        Assert.Throws<ArgumentException>(() => map.MapCollection("emails.value", u => u.Emails, e => e.Map("value", x => x.Value)));
        Assert.Throws<ArgumentNullException>(() => map.Map<string>("title", null!));
        Assert.Throws<ArgumentNullException>(() => map.ToPredicate(null!));
    }

    private static ComparisonFilter Compare(string attribute, string? sub, ComparisonOperator op, ComparisonValue value) =>
        new(new Core.Paths.AttributePath(null, attribute, null, sub), op, value);

    private static List<Guid> Select(ScimFilter filter, CaseInsensitiveStrategy strategy) =>
        All.AsQueryable().Where(UserMap.ToPredicate(filter, strategy)).Select(u => u.Id).ToList();

    private static bool OrdersStrings(string filter) =>
        filter.Contains(" gt \"", StringComparison.Ordinal) || filter.Contains(" ge \"", StringComparison.Ordinal)
        || filter.Contains(" lt \"", StringComparison.Ordinal) || filter.Contains(" le \"", StringComparison.Ordinal);
}
