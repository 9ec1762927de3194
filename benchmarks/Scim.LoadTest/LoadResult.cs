namespace Scim.LoadTest;

/// <summary>The outcome of a run: its phases, and what the verification read back and found wrong.</summary>
public sealed record LoadResult(IReadOnlyList<PhaseResult> Phases, int UsersVerified, int GroupsVerified, int Mismatches)
{
    /// <summary>Requests of every phase that did not answer as expected.</summary>
    public int Errors => Phases.Sum(p => p.Errors);

    /// <summary>No request error and no mismatch.</summary>
    public bool Passed => Errors == 0 && Mismatches == 0;
}
