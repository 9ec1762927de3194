using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KeepnetHost.Tests.Scale;

/// <summary>Counts the savepoints EF Core creates in the host's transactions.</summary>
internal sealed class SavepointCounter : DbTransactionInterceptor
{
    private int _created;

    public int Created { get => _created; set => _created = value; }

    public override InterceptionResult CreatingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        Interlocked.Increment(ref _created);
        return result;
    }

    public override ValueTask<InterceptionResult> CreatingSavepointAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _created);
        return ValueTask.FromResult(result);
    }
}
