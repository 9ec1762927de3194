using System.Net;
using System.Threading.RateLimiting;
using KeepnetHost.Data;
using Microsoft.EntityFrameworkCore;

namespace KeepnetHost.Platform;

/// <summary>
/// The operator's key for the admin API (header <c>X-Api-Key</c>) and the console's sign-in: <c>Admin:ApiKey</c> when
/// configured, otherwise made on first start, shown once and stored as a hash.
/// </summary>
/// <remarks>
/// Guessing is rate limited per client address: each wrong key uses one of <c>Admin:RateLimit:WrongKeys</c> (10) tries
/// per <c>Admin:RateLimit:WindowSeconds</c> (60), and once they are used up every key from that address, the right one
/// too, is refused unchecked until the window ends, so a right guess is no quicker to find. A right key uses no try, so
/// the operator's own traffic is never limited. (The host's rate-limiting middleware counts every request, so it cannot
/// do this; the same limiter types are used directly.)
/// </remarks>
public sealed class AdminKey(IConfiguration configuration) : IDisposable
{
    private const string SecretName = "admin-api-key";

    private readonly PartitionedRateLimiter<string> _wrongKeys = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, configuration.GetValue("Admin:RateLimit:WrongKeys", 10)),
            Window = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Admin:RateLimit:WindowSeconds", 60))),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private byte[]? _hash;

    /// <summary>Checks <paramref name="presented"/> (constant-time) from a client <paramref name="address"/>, counting a wrong key against it.</summary>
    public AdminKeyCheck Check(string? presented, IPAddress? address)
    {
        var partition = address?.ToString() ?? string.Empty;
        // Zero permits: asks whether the address has tries left without using one.
        using (var open = _wrongKeys.AttemptAcquire(partition, 0))
        {
            if (!open.IsAcquired)
            {
                var wait = open.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                return new AdminKeyCheck(false, Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)));
            }
        }

        if (_hash is not null && !string.IsNullOrEmpty(presented) && SecretTokens.Matches(presented, _hash))
        {
            return new AdminKeyCheck(true, null);
        }

        _wrongKeys.AttemptAcquire(partition).Dispose();
        return new AdminKeyCheck(false, null);
    }

    public void Dispose() => _wrongKeys.Dispose();

    /// <summary>Loads or makes the key; returns it only when it was just made, for the one time it is shown.</summary>
    public async Task<string?> InitializeAsync(KeepnetDbContext db, CancellationToken cancellationToken)
    {
        if (configuration["Admin:ApiKey"] is { Length: > 0 } configured)
        {
            _hash = SecretTokens.Hash(configured);
            return null;
        }

        if (await db.HostSecrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == SecretName, cancellationToken) is { } stored)
        {
            _hash = stored.Hash;
            return null;
        }

        var made = SecretTokens.New();
        _hash = SecretTokens.Hash(made);
        db.HostSecrets.Add(new HostSecret { Name = SecretName, Hash = _hash });
        await db.SaveChangesAsync(cancellationToken);
        return made;
    }
}
