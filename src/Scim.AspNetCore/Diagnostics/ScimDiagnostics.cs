namespace Scim.AspNetCore.Diagnostics;

/// <summary>The names under which the SCIM endpoints log and publish metrics, for a host's logging filters and OpenTelemetry set-up.</summary>
public static class ScimDiagnostics
{
    /// <summary>
    /// The <see cref="System.Diagnostics.Metrics.Meter"/> name, e.g. <c>.WithMetrics(m =&gt; m.AddMeter(ScimDiagnostics.MeterName))</c>.
    /// Its instruments: <c>scim.server.requests</c> (counter; tags <c>http.request.method</c>, <c>scim.endpoint</c>,
    /// <c>http.response.status_code</c>), <c>scim.server.errors</c> (counter; tags <c>http.response.status_code</c>,
    /// <c>scim.error.type</c>) and <c>scim.store.duration</c> (histogram in seconds; tags <c>scim.store.operation</c>,
    /// <c>scim.resource_type</c>, <c>error.type</c> when the store threw).
    /// </summary>
    public const string MeterName = "Scim.AspNetCore";

    /// <summary>The logger category of the SCIM endpoints.</summary>
    public const string LoggerCategory = "Scim.AspNetCore";
}
