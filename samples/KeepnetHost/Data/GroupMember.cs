namespace KeepnetHost.Data;

/// <summary>One membership: a row per (group, user), so adding a member never loads the group.</summary>
public sealed class GroupMember
{
    public required string GroupId { get; set; }

    public required string UserId { get; set; }

    /// <summary>The <c>display</c> the identity provider sent with the member, if any.</summary>
    public string? Display { get; set; }
}
