namespace KeepnetHost.Data;

/// <summary>A person the platform sends simulations to, as a SCIM setting provisioned them.</summary>
public sealed class TargetUser
{
    /// <summary>
    /// The SCIM <c>id</c>: a version 7 GUID, ordered by creation time, so users created together sit together in every
    /// index keyed by user id (the primary key, e-mails, group members) and a batch of them dirties a few pages, not one each.
    /// </summary>
    public string Id { get; set; } = Guid.CreateVersion7().ToString();

    public required string CompanyId { get; set; }

    /// <summary>The setting whose token created or last changed the user; its rules apply.</summary>
    public required string ScimSettingId { get; set; }

    public required string UserName { get; set; }

    /// <summary><see cref="UserName"/> upper-cased: unique among the company's users that are not Deleted.</summary>
    public required string UserNameKey { get; set; }

    /// <summary>Entra's immutable object id: unique among the company's users that are not Deleted.</summary>
    public string? ExternalId { get; set; }

    public required string Email { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? DisplayName { get; set; }

    public string? Title { get; set; }

    public string? Department { get; set; }

    public string? EmployeeNumber { get; set; }

    public string? Phone { get; set; }

    public string? PreferredLanguage { get; set; }

    public string? ManagerId { get; set; }

    /// <summary>The platform's IANA time zone, derived from what the identity provider sent in <c>timezone</c>.</summary>
    public string? TimeZone { get; set; }

    public UserStatus Status { get; set; }

    /// <summary>Whether SCIM <c>active</c> is true (the column the SCIM filter <c>active</c> reads).</summary>
    public bool Active { get; set; }

    /// <summary>Custom field values by field name, as JSON.</summary>
    public string CustomFieldsJson { get; set; } = "{}";

    /// <summary>The SCIM resource as the identity provider sent it (without <c>id</c> and <c>meta</c>), so GET round-trips exactly.</summary>
    public required string ScimJson { get; set; }

    /// <summary>Moves on with every write; the database checks it (optimistic concurrency).</summary>
    public long Version { get; set; } = 1;

    public DateTime Created { get; set; }

    public DateTime LastModified { get; set; }

    public List<UserEmail> Emails { get; set; } = [];
}
