namespace Scim.AspNetCore.Endpoints;

/// <summary>
/// Makes the writes (PUT, PATCH, DELETE) to one resource in this process wait for each other instead of racing. Without it, N concurrent
/// PATCHes to one resource cost N² reads and writes, and the last of them can lose more version races than
/// <see cref="ScimOptions.MaxConcurrencyRetries"/> allows, a 412 the client never asked for. Writers in other processes
/// are still kept apart by the store's version check and the endpoint's retries.
/// </summary>
/// <remarks>A fixed set of gates chosen by hash, so no state per resource is kept or cleaned up; two resources that share a gate only wait a little.</remarks>
internal sealed class WriteGates
{
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Waits for the resource's gate; disposing the result opens it again.</summary>
    public async Task<Entered> EnterAsync(string resourceType, string id, CancellationToken cancellationToken)
    {
        var gate = _gates[(uint)HashCode.Combine(resourceType, id) % (uint)_gates.Length];
        await gate.WaitAsync(cancellationToken);
        return new Entered(gate);
    }

    /// <summary>A gate held; disposing it lets the next writer in.</summary>
    public readonly struct Entered(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
