namespace KeepnetHost.Data;

/// <summary>One of a user's SCIM <c>emails</c>, kept as rows so <c>emails[type eq "work"].value eq "..."</c> runs in SQL.</summary>
public sealed class UserEmail
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public required string Value { get; set; }

    public string? Type { get; set; }

    public bool Primary { get; set; }
}
