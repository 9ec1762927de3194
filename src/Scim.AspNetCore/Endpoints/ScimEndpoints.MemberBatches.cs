using System.Collections.Concurrent;
using Scim.Core.Patching;
using Scim.Core.Schema;
using Scim.Core.Stores;

namespace Scim.AspNetCore.Endpoints;

/// <summary>
/// Member-only PATCHes to one group that queue behind each other are written together: the request whose turn comes
/// takes every member change still waiting for that group from the same caller, and the store writes them as one.
/// </summary>
/// <remarks>
/// An identity provider provisioning a large group sends many member PATCHes to it at once (the load test's
/// 10,000-member group: 100 PATCHes of 100 members, 8 at a time). One after the other, the last of 8 waited for 7
/// transactions; merged, for two at most. The merged change is <see cref="MemberChanges.Combine"/> of theirs in arrival
/// order (each id's last operation decides, as within one request), and each
/// request answers with the group as the merged write left it. If the store refuses the merged change (an unknown
/// member in one request), each request is written on its own, so the error is only that request's. Requests with
/// If-Match are never merged (their version is their own), nor are those of callers with other claims (the store may
/// scope ids by caller).
/// </remarks>
internal sealed partial class ScimEndpoints
{
    private readonly ConcurrentDictionary<(string Type, string Id), List<WaitingChange>> _waitingChanges = new();

    private async Task<MemberChangeResult?> ApplyMemberChangesAsync(Call call, ResourceType type, string id, MemberChanges changes, string? expected)
    {
        if (expected is not null)
        {
            using (await _writeGates.EnterAsync(type.Name, id, call.Aborted))
            {
                return await call.Store.ApplyMemberChangesAsync(type, id, changes, expected, call.Context, call.Aborted);
            }
        }

        var mine = new WaitingChange(call, changes, CallerKey(call));
        var waiting = _waitingChanges.GetOrAdd((type.Name, id), _ => []);
        lock (waiting)
        {
            waiting.Add(mine);
        }

        var entering = _writeGates.EnterAsync(type.Name, id, call.Aborted);
        if (!entering.IsCompleted)
        {
            Log.MemberChangeWaits(_logger, type.Name, id);
        }

        if (await Task.WhenAny(entering, mine.Result.Task) != entering)
        {
            // Written by the request that had the turn: the gate is let go as soon as it comes.
            _ = entering.ContinueWith(static t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            return await mine.Result.Task;
        }

        WriteGates.Entered entered;
        try
        {
            entered = await entering;
        }
        catch
        {
            // Not entered (the client went away): a later turn must not write this change.
            lock (waiting)
            {
                waiting.Remove(mine);
            }

            throw;
        }

        using (entered)
        {
            if (!mine.Result.Task.IsCompleted)
            {
                List<WaitingChange> batch;
                lock (waiting)
                {
                    batch = waiting.FindAll(w => w.CallerKey == mine.CallerKey);
                    waiting.RemoveAll(w => w.CallerKey == mine.CallerKey);
                    if (waiting.Count == 0)
                    {
                        // A request that still adds itself to this list after it is gone writes the list itself, in its turn.
                        _waitingChanges.TryRemove(KeyValuePair.Create((type.Name, id), waiting));
                    }
                }

                await WriteTogetherAsync(call, type, id, batch);
            }
        }

        return await mine.Result.Task;
    }

    /// <summary>Writes the waiting changes as one (with this request's store and caller); if that fails, one by one.</summary>
    private static async Task WriteTogetherAsync(Call call, ResourceType type, string id, List<WaitingChange> batch)
    {
        if (batch.Count > 1)
        {
            MemberChangeResult? merged;
            try
            {
                // Not this client's cancellation: the write is the others' too.
                merged = await call.Store.ApplyMemberChangesAsync(type, id, MemberChanges.Combine(batch.Select(w => w.Changes)), null, call.Context, CancellationToken.None);
            }
#pragma warning disable CA1031 // Any failure of the merged write is retried request by request, which reports its own.
            catch (Exception)
#pragma warning restore CA1031
            {
                merged = null;
            }

            if (merged is not null)
            {
                foreach (var waiting in batch)
                {
                    // Each request answers with a copy: the endpoints set meta.location on the resource they write.
                    waiting.Result.TrySetResult(merged with { Resource = merged.Resource.Clone() });
                }

                return;
            }
        }

        foreach (var waiting in batch)
        {
            try
            {
                waiting.Result.TrySetResult(await waiting.Call.Store.ApplyMemberChangesAsync(
                    type, id, waiting.Changes, null, waiting.Call.Context, waiting.Call.Aborted));
            }
#pragma warning disable CA1031 // Handed to the request it belongs to, which answers with it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                waiting.Result.TrySetException(e);
            }
        }
    }

    /// <summary>The caller as the store sees it: its claims, in order.</summary>
    private static string CallerKey(Call call) =>
        string.Join('\n', call.Context.Principal.Claims.Select(c => $"{c.Type}\t{c.Value}"));

    private sealed record WaitingChange(Call Call, MemberChanges Changes, string CallerKey)
    {
        public TaskCompletionSource<MemberChangeResult?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
