namespace Scim.LoadTest;

/// <summary>A user as this run provisions it, and what the platform must show for it afterwards.</summary>
public sealed class LoadUser(int index, string userName, string country)
{
    public int Index => index;

    public string UserName { get; } = userName;

    public string ExternalId { get; } = Guid.NewGuid().ToString();

    /// <summary>Entra's <c>usageLocation</c>, sent as <c>timezone</c>; the platform turns it into an IANA zone.</summary>
    public string Country { get; set; } = country;

    public string Email { get; set; } = userName;

    public string? Id { get; set; }

    public string ExpectedStatus { get; set; } = "Active";

    public List<string> Groups { get; } = [];
}

/// <summary>A SCIM group of this run and the users it must end up with.</summary>
public sealed class LoadGroup(string name)
{
    public string Name => name;

    public string? Id { get; set; }

    public List<LoadUser> Members { get; } = [];
}

/// <summary>A company with one SCIM setting (its token) and the users and groups provisioned into it.</summary>
public sealed class Tenant(string companyId, string token)
{
    public string CompanyId => companyId;

    public string Token => token;

    public List<LoadUser> Users { get; } = [];

    public List<LoadGroup> Groups { get; } = [];
}
