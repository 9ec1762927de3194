namespace KeepnetHost.Data;

/// <summary>One of a user's SCIM <c>emails</c>, kept as rows so <c>emails[type eq "work"].value eq "..."</c> runs in SQL.</summary>
/// <remarks>
/// Keyed by user and position: one B-tree serves both the key and the reads by user. A key of its own (an
/// auto-incremented id) cost every create its counter's row and a <c>UserId</c> index besides: on SQLite two more pages
/// written per commit (of about eleven), on PostgreSQL two more WAL records and a sequence.
/// </remarks>
public sealed class UserEmail
{
    public required string UserId { get; set; }

    /// <summary>Where the address stands in the user's <c>emails</c>, from 0.</summary>
    public int Position { get; set; }

    public required string Value { get; set; }

    public string? Type { get; set; }

    public bool Primary { get; set; }
}
