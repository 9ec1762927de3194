using System.Collections.Concurrent;

namespace KeepnetHost.Scim;

/// <summary>
/// The SCIM tokens that proved valid in the last <see cref="Lifetime"/>, by hash, so a SCIM request does not cost a
/// database query to authenticate. Only valid tokens are kept (at most one entry per SCIM setting).
/// </summary>
/// <remarks>
/// A revoke or a setting deletion clears the cache of the host that made it, so the old token stops working there at
/// once; another host on the same database accepts it for at most <see cref="Lifetime"/> more (SECURITY.md).
/// </remarks>
public sealed class ScimTokenCache(TimeProvider time)
{
    /// <summary>How long a token is believed without asking the database again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (string CompanyId, string SettingId, DateTimeOffset Until)> _valid = new(StringComparer.Ordinal);

    public bool TryGet(byte[] tokenHash, out string companyId, out string settingId)
    {
        if (_valid.TryGetValue(Convert.ToHexString(tokenHash), out var entry) && entry.Until > time.GetUtcNow())
        {
            (companyId, settingId) = (entry.CompanyId, entry.SettingId);
            return true;
        }

        (companyId, settingId) = (string.Empty, string.Empty);
        return false;
    }

    public void Add(byte[] tokenHash, string companyId, string settingId) =>
        _valid[Convert.ToHexString(tokenHash)] = (companyId, settingId, time.GetUtcNow() + Lifetime);

    /// <summary>Forgets every token: called when a token is revoked or a setting deleted.</summary>
    public void Clear() => _valid.Clear();
}
