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

    private readonly ConcurrentDictionary<string, (ScimCaller? Caller, DateTimeOffset Until)> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (SettingRules? Rules, DateTimeOffset Until)> _rules = new(StringComparer.Ordinal);

    // Bumped by every Clear: what was read from the database before a clear is not kept after it.
    private long _generation;

    /// <summary>The company and setting of a valid token, as read within <see cref="Lifetime"/>, else read now by <paramref name="read"/> (<see langword="null"/>: not valid, and not kept).</summary>
    public Task<ScimCaller?> CallerAsync(byte[] tokenHash, Func<Task<ScimCaller?>> read) => GetOrReadAsync(_tokens, Convert.ToHexString(tokenHash), read);

    /// <summary>The setting's rules as read within <see cref="Lifetime"/>, else read now by <paramref name="read"/>.</summary>
    public async Task<SettingRules> RulesAsync(string settingId, Func<Task<SettingRules>> read) =>
        (await GetOrReadAsync<SettingRules>(_rules, settingId, async () => await read()))!;

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _tokens.Clear();
        _rules.Clear();
    }

    private async Task<T?> GetOrReadAsync<T>(ConcurrentDictionary<string, (T? Value, DateTimeOffset Until)> entries, string key, Func<Task<T?>> read)
        where T : class
    {
        if (entries.TryGetValue(key, out var entry) && entry.Until > time.GetUtcNow())
        {
            return entry.Value;
        }

        var generation = Interlocked.Read(ref _generation);
        var value = await read();
        if (value is not null)
        {
            entries[key] = (value, time.GetUtcNow() + Lifetime);
            if (Interlocked.Read(ref _generation) != generation)
            {
                // A clear came between the read and now: the value may be stale already (a token revoked meanwhile).
                entries.TryRemove(key, out _);
            }
        }

        return value;
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
