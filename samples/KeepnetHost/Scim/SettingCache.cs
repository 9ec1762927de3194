using System.Collections.Concurrent;
using KeepnetHost.Platform;

namespace KeepnetHost.Scim;

/// <summary>
/// What a SCIM request needs of its SCIM setting, kept for <see cref="Lifetime"/> so it costs no database query: which
/// setting a valid token belongs to (by the token's hash; only valid tokens are kept) and the setting's rules.
/// </summary>
/// <remarks>
/// Every admin write (API or console) clears the cache of the host that made it before its answer is sent
/// (<see cref="ClearOnAdminWrites"/>), so a revoked token, a deleted setting or a changed mapping applies to the next
/// SCIM request there; another host on the same database follows within <see cref="Lifetime"/> (SECURITY.md).
/// </remarks>
public sealed class SettingCache(TimeProvider time)
{
    /// <summary>How long an entry is believed without asking the database again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (ScimCaller Caller, DateTimeOffset Until)> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (SettingRules Rules, DateTimeOffset Until)> _rules = new(StringComparer.Ordinal);

    // Bumped by every Clear: what was read from the database before a clear is not kept after it.
    private long _generation;

    /// <summary>Take it before reading what <see cref="AddToken"/> will keep.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The company and setting of a token that proved valid within <see cref="Lifetime"/>.</summary>
    public ScimCaller? Token(byte[] tokenHash) =>
        _tokens.TryGetValue(Convert.ToHexString(tokenHash), out var entry) && entry.Until > time.GetUtcNow() ? entry.Caller : null;

    /// <summary>Keeps a token found valid, unless the cache was cleared since <paramref name="generation"/> (the token may be revoked).</summary>
    public void AddToken(byte[] tokenHash, ScimCaller caller, long generation) => Keep(_tokens, Convert.ToHexString(tokenHash), caller, generation);

    /// <summary>The setting's rules as read within <see cref="Lifetime"/>, else read now by <paramref name="read"/>.</summary>
    public async Task<SettingRules> RulesAsync(string settingId, Func<Task<SettingRules>> read)
    {
        if (_rules.TryGetValue(settingId, out var entry) && entry.Until > time.GetUtcNow())
        {
            return entry.Rules;
        }

        var generation = Generation;
        var rules = await read();
        Keep(_rules, settingId, rules, generation);
        return rules;
    }

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _tokens.Clear();
        _rules.Clear();
    }

    private void Keep<T>(ConcurrentDictionary<string, (T, DateTimeOffset)> entries, string key, T value, long generation)
    {
        entries[key] = (value, time.GetUtcNow() + Lifetime);
        if (Generation != generation)
        {
            // A clear came between the read and now: the value may be stale already.
            entries.TryRemove(key, out _);
        }
    }

    /// <summary>Clears the cache on every request that may change a company, a setting or a token (not GET or HEAD under <c>/api</c> and <c>/console</c>), before its answer is sent.</summary>
    public static IApplicationBuilder ClearOnAdminWrites(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/console")))
        {
            var cache = context.RequestServices.GetRequiredService<SettingCache>();
            context.Response.OnStarting(() =>
            {
                cache.Clear();
                return Task.CompletedTask;
            });
        }

        await next(context);
    });
}
