namespace Scim.Core.Changes;

/// <summary>
/// Told of every write after the store committed it, so that a host can run its own rules (put a new user in a group,
/// send a welcome mail, emit a security event). Register one or more with <c>AddScim().AddChangeHandler&lt;T&gt;()</c>.
/// </summary>
/// <remarks>
/// The write has already happened: a handler cannot veto it, and an exception from a handler is logged and does not
/// change the response the client gets (it would otherwise retry a write that succeeded). Handlers run one after the
/// other, in registration order, within the request, so keep them short or hand the work to a queue.
/// </remarks>
public interface IResourceChangeHandler
{
    /// <summary>Handles one committed change.</summary>
    /// <param name="change">What changed.</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted.</param>
    /// <returns>A task that completes when the handler is done.</returns>
    Task OnChangedAsync(ResourceChange change, CancellationToken cancellationToken = default);
}
