using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Scim.AspNetCore.Diagnostics;

namespace Scim.AspNetCore.Tests.Extensibility;

/// <summary>The SCIM meter: requests, errors by scimType and store latency, from this host only.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Requests_AreCountedWithStatusErrorsByScimTypeAndStoreCallsTimed()
    {
        await using var host = await ScimTestHost.StartAsync();
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ScimDiagnostics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => measurements.Enqueue(Describe(i, tags.ToArray())));
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => measurements.Enqueue(Describe(i, tags.ToArray())));
        listener.Start();

        await host.CreateUserAsync("olga");
        await host.PostAsync("Users", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"OLGA"}""");

        Assert.Contains("scim.server.requests http.request.method=POST scim.endpoint=/Users http.response.status_code=201", measurements);
        Assert.Contains("scim.server.requests http.request.method=POST scim.endpoint=/Users http.response.status_code=409", measurements);
        Assert.Contains("scim.server.errors http.response.status_code=409 scim.error.type=uniqueness", measurements);
        Assert.Contains("scim.store.duration scim.store.operation=create scim.resource_type=User", measurements);
        Assert.Contains("scim.store.duration scim.store.operation=create scim.resource_type=User error.type=409", measurements);
    }

    private static string Describe(Instrument instrument, KeyValuePair<string, object?>[] tags) =>
        string.Join(' ', [instrument.Name, .. tags.Select(t => $"{t.Key}={t.Value}")]);
}
