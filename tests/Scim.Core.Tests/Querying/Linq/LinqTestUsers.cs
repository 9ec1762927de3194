using System.Globalization;
using System.Text.Json.Nodes;
using Scim.Core.Paths;
using Scim.Core.Querying.Linq;
using Scim.Core.Schema;

namespace Scim.Core.Tests.Querying.Linq;

public enum UserKind
{
    Employee,
    Contractor,
    Intern,
}

/// <summary>An application's own user entity, shaped as an EF Core model would be.</summary>
public sealed class UserEntity
{
    public Guid Id { get; init; }

    public required string UserName { get; init; }

    /// <summary>The user name upper-cased, as an application might keep it in a key column.</summary>
    public string UserNameKey => UserName.ToUpperInvariant();

    public string? ExternalId { get; init; }

    public string? FamilyName { get; init; }

    public string? GivenName { get; init; }

    public bool Active { get; init; }

    public DateTimeOffset LastModified { get; init; }

    /// <summary>UTC.</summary>
    public DateTime? Created { get; init; }

    public int? LoginCount { get; init; }

    public decimal? Balance { get; init; }

    public UserKind? Kind { get; init; }

    public string? EmployeeNumber { get; init; }

    public string? Department { get; init; }

    public List<EmailEntity> Emails { get; init; } = [];
}

public sealed class EmailEntity
{
    public string? Value { get; init; }

    public string? Type { get; init; }

    public bool Primary { get; init; }
}

/// <summary>
/// Users that cover what the translation must agree with <see cref="Filtering.ScimFilterEvaluator"/> on: null and empty
/// strings, mixed case, a missing name, several, none and valueless emails, dates with offsets, missing numbers and enums.
/// </summary>
internal static class LinqTestUsers
{
    public const string Enterprise = SchemaUrns.EnterpriseUser;

    public static readonly UserEntity[] All =
    [
        new()
        {
            Id = IdOf(1), UserName = "bjensen", ExternalId = "BJ-001", FamilyName = "Jensen", GivenName = "Barbara", Active = true,
            LastModified = DateTimeOffset.Parse("2011-05-13T04:42:34Z", CultureInfo.InvariantCulture),
            Created = new DateTime(2010, 1, 23, 4, 56, 22, DateTimeKind.Utc), LoginCount = 42, Balance = 10.5m, Kind = UserKind.Employee,
            EmployeeNumber = "701984", Department = "Tour Operations",
            Emails = [new() { Value = "bjensen@example.com", Type = "work", Primary = true }, new() { Value = "babs@jensen.org", Type = "home" }],
        },
        new()
        {
            Id = IdOf(2), UserName = "JSmith", FamilyName = "Smith", GivenName = "John", Active = false,
            LastModified = DateTimeOffset.Parse("2012-01-01T00:00:00+02:00", CultureInfo.InvariantCulture),
            Balance = -3m, Kind = UserKind.Contractor,
            Emails = [new() { Value = "john@Example.com", Type = "work" }],
        },
        new()
        {
            Id = IdOf(3), UserName = "alice", ExternalId = "", Active = true,
            LastModified = DateTimeOffset.Parse("2011-05-13T04:42:35Z", CultureInfo.InvariantCulture),
            LoginCount = 0, EmployeeNumber = "", Department = "Sales",
        },
        new()
        {
            Id = IdOf(4), UserName = "Zed.Ward", ExternalId = "zw-9", FamilyName = "Ward", Active = true,
            LastModified = DateTimeOffset.Parse("2011-05-13T06:42:34+02:00", CultureInfo.InvariantCulture),
            Created = new DateTime(2011, 3, 1, 0, 0, 0, DateTimeKind.Utc), LoginCount = 1000, Balance = 0m, Kind = UserKind.Intern,
            Emails = [new() { Type = "work" }, new() { Value = "zed@ward.io", Type = "home", Primary = true }],
        },
        new()
        {
            Id = IdOf(5), UserName = "carol", ExternalId = "BJ-002", FamilyName = "jensen", Active = false,
            LastModified = DateTimeOffset.Parse("2010-12-31T23:59:59.9999999Z", CultureInfo.InvariantCulture),
            LoginCount = 42, Kind = UserKind.Employee, EmployeeNumber = "42",
            Emails = [new() { Value = "carol@example.com", Type = "Work", Primary = true }],
        },
        new()
        {
            Id = IdOf(6), UserName = "dave", GivenName = "", Active = true,
            LastModified = DateTimeOffset.Parse("2011-05-13T04:42:34Z", CultureInfo.InvariantCulture),
            Created = new DateTime(2009, 7, 4, 12, 0, 0, DateTimeKind.Utc), Balance = 1234.5678m,
            Emails = [new() { Value = "", Type = "other" }],
        },
    ];

    /// <summary>The map under test; <c>externalId</c> is case-exact, as RFC 7643 defines it.</summary>
    /// <param name="foldedUserName">Maps userName to <see cref="UserEntity.UserNameKey"/> with <see cref="ScimQueryMap{T}.MapFolded"/>.</param>
    public static ScimQueryMap<UserEntity> Map(bool foldedUserName = false) => MapUserName(new ScimQueryMap<UserEntity>().Map("id", u => u.Id), foldedUserName)
        .Map("externalId", u => u.ExternalId, caseExact: true)
        .Map("name.familyName", u => u.FamilyName)
        .Map("name.givenName", u => u.GivenName)
        .Map("active", u => u.Active)
        .Map("meta.lastModified", u => u.LastModified)
        .Map("meta.created", u => u.Created)
        .Map("loginCount", u => u.LoginCount)
        .Map("balance", u => u.Balance)
        .Map("userType", u => u.Kind)
        .MapCollection("emails", u => u.Emails, e => e
            .Map("value", x => x.Value)
            .Map("type", x => x.Type)
            .Map("primary", x => x.Primary))
        .Map($"{Enterprise}:employeeNumber", u => u.EmployeeNumber)
        .Map($"{Enterprise}:department", u => u.Department);

    private static ScimQueryMap<UserEntity> MapUserName(ScimQueryMap<UserEntity> map, bool folded) =>
        folded ? map.MapFolded("userName", u => u.UserNameKey, CaseInsensitiveStrategy.ToUpper) : map.Map("userName", u => u.UserName);

    /// <summary>The attributes <see cref="Map"/> makes case-exact, for the evaluator.</summary>
    public static bool IsCaseExact(AttributePath path) =>
        path.SubAttributeName is null && path.AttributeName is "id" or "externalId";

    public static Guid IdOf(int n) => Guid.Parse($"00000000-0000-0000-0000-{n:D12}");

    /// <summary>The SCIM JSON of a user: what a store would return for it. Null members are left out.</summary>
    public static JsonObject ToJson(UserEntity user)
    {
        var json = new JsonObject
        {
            ["schemas"] = new JsonArray(SchemaUrns.User, Enterprise),
            ["id"] = user.Id.ToString(),
            ["userName"] = user.UserName,
            ["active"] = user.Active,
        };
        AddIfNotNull(json, "externalId", user.ExternalId);
        var name = new JsonObject();
        AddIfNotNull(name, "familyName", user.FamilyName);
        AddIfNotNull(name, "givenName", user.GivenName);
        if (name.Count > 0)
        {
            json["name"] = name;
        }

        var meta = new JsonObject { ["lastModified"] = user.LastModified.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture) };
        AddIfNotNull(meta, "created", user.Created?.ToString("O", CultureInfo.InvariantCulture));
        json["meta"] = meta;
        AddIfNotNull(json, "loginCount", user.LoginCount);
        AddIfNotNull(json, "balance", user.Balance);
        AddIfNotNull(json, "userType", user.Kind?.ToString());
        var emails = new JsonArray();
        foreach (var email in user.Emails)
        {
            var element = new JsonObject { ["primary"] = email.Primary };
            AddIfNotNull(element, "value", email.Value);
            AddIfNotNull(element, "type", email.Type);
            emails.Add(element);
        }

        json["emails"] = emails;
        var enterprise = new JsonObject();
        AddIfNotNull(enterprise, "employeeNumber", user.EmployeeNumber);
        AddIfNotNull(enterprise, "department", user.Department);
        if (enterprise.Count > 0)
        {
            json[Enterprise] = enterprise;
        }

        return json;
    }

    private static void AddIfNotNull<TValue>(JsonObject json, string name, TValue? value)
    {
        if (value is not null)
        {
            json[name] = JsonValue.Create(value);
        }
    }

    /// <summary>Runs with the invariant culture: in memory, <c>ToLower</c> and <c>string.Compare</c> use the current one.</summary>
    public static TResult InvariantCulture<TResult>(Func<TResult> action)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
