namespace KeepnetHost.Platform;

/// <summary>
/// The answer to a presented admin key: right, wrong, or refused unchecked because its client address has used up its
/// wrong keys (then <see cref="RetryAfterSeconds"/> says when it may try again).
/// </summary>
public readonly record struct AdminKeyCheck(bool IsRight, int? RetryAfterSeconds)
{
    /// <summary>Why a refused key was not even checked, for the operator to read.</summary>
    public string Refusal => $"Too many wrong admin keys from this address: try again in {RetryAfterSeconds} s.";
}
