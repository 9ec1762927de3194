namespace KeepnetHost.Data;

/// <summary>A group of target users: made by a rule, a setting's target group, or a SCIM group from the identity provider.</summary>
public sealed class PlatformGroup
{
    /// <summary>The SCIM <c>id</c> (for <see cref="GroupKind.Idp"/> groups).</summary>
    public string Id { get; set; } = Guid.NewGuid().ToString();

    public required string CompanyId { get; set; }

    public required string Name { get; set; }

    /// <summary><see cref="Name"/> upper-cased; unique per company and kind among groups that are not deleted.</summary>
    public required string NameKey { get; set; }

    public GroupKind Kind { get; set; }

    public string? ExternalId { get; set; }

    /// <summary>For <see cref="GroupKind.Idp"/>: whether it shows on the platform (the setting's group sync was on).</summary>
    public bool Mirrored { get; set; }

    public bool Deleted { get; set; }

    /// <summary>For <see cref="GroupKind.Idp"/>: the SCIM resource as sent, without <c>id</c>, <c>meta</c> and <c>members</c>.</summary>
    public string? ScimJson { get; set; }

    public long Version { get; set; } = 1;

    public DateTime Created { get; set; }

    public DateTime LastModified { get; set; }

    public List<GroupMember> Members { get; set; } = [];
}
