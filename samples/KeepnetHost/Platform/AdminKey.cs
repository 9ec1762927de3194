using KeepnetHost.Data;
using Microsoft.EntityFrameworkCore;

namespace KeepnetHost.Platform;

/// <summary>
/// The operator's key for the admin API (header <c>X-Api-Key</c>): <c>Admin:ApiKey</c> when configured, otherwise made
/// on first start, shown once and stored as a hash.
/// </summary>
public sealed class AdminKey
{
    private const string SecretName = "admin-api-key";

    private byte[]? _hash;

    /// <summary>Whether <paramref name="presented"/> is the admin key (constant-time).</summary>
    public bool Matches(string? presented) => _hash is not null && !string.IsNullOrEmpty(presented) && SecretTokens.Matches(presented, _hash);

    /// <summary>Loads or makes the key; returns it only when it was just made, for the one time it is shown.</summary>
    public async Task<string?> InitializeAsync(KeepnetDbContext db, IConfiguration configuration, CancellationToken cancellationToken)
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
