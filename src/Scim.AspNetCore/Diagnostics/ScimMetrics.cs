using System.Diagnostics;
using System.Diagnostics.Metrics;
using Scim.Core.Errors;

namespace Scim.AspNetCore.Diagnostics;

/// <summary>The SCIM instruments (see <see cref="ScimDiagnostics.MeterName"/>), made once per application from its <see cref="IMeterFactory"/>.</summary>
internal sealed class ScimMetrics
{
    private readonly Counter<long> _requests;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _storeDuration;

    public ScimMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(ScimDiagnostics.MeterName);
        _requests = meter.CreateCounter<long>("scim.server.requests", "{request}", "SCIM requests answered, by endpoint and status.");
        _errors = meter.CreateCounter<long>("scim.server.errors", "{error}", "SCIM error responses, by status and scimType.");
        _storeDuration = meter.CreateHistogram<double>("scim.store.duration", "s", "Time spent in the resource store, by operation.");
    }

    public void RequestCompleted(string method, string endpoint, int status)
    {
        if (_requests.Enabled)
        {
            _requests.Add(1, new("http.request.method", method), new("scim.endpoint", endpoint), new("http.response.status_code", status));
        }
    }

    public void Error(int status, ScimErrorType? scimType)
    {
        if (_errors.Enabled)
        {
            _errors.Add(1, new("http.response.status_code", status), new("scim.error.type", scimType?.ToWireName() ?? string.Empty));
        }
    }

    public bool StoreDurationEnabled => _storeDuration.Enabled;

    public void StoreOperation(string operation, string resourceType, long startTimestamp, Exception? error)
    {
        var seconds = Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
        if (error is null)
        {
            _storeDuration.Record(seconds, new("scim.store.operation", operation), new("scim.resource_type", resourceType));
        }
        else
        {
            _storeDuration.Record(seconds, new("scim.store.operation", operation), new("scim.resource_type", resourceType),
                new("error.type", error is ScimException scim ? scim.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : error.GetType().Name));
        }
    }
}
