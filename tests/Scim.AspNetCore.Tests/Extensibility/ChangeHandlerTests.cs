using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Scim.Core.Changes;

namespace Scim.AspNetCore.Tests.Extensibility;

/// <summary>The change hook: after each committed write the host's handlers hear what changed.</summary>
public sealed class ChangeHandlerTests
{
    private const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";

    [Fact]
    public async Task Writes_EachCommittedChange_IsReportedOnceWithKindVersionAndAttributes()
    {
        var recorder = new Recorder();
        await using var host = await ScimTestHost.StartAsync(store: s =>
        {
            s.Services.AddSingleton(recorder);
            s.AddInMemoryStore().AddChangeHandler<RecordingHandler>();
        });

        var id = (await host.CreateUserAsync("mia"))["id"]!.GetValue<string>();
        await host.SendAsync(HttpMethod.Put, $"Users/{id}", $$"""{"schemas":["{{UserSchema}}"],"userName":"mia","title":"Guide"}""");
        await host.PatchAsync($"Users/{id}", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"title","value":"Lead"}]}""");
        await host.PatchAsync($"Users/{id}", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"title","value":"Lead"}]}""");
        await host.PostAsync("Users", $$"""{"schemas":["{{UserSchema}}"],"userName":"MIA"}"""); // 409: nothing committed
        await host.SendAsync(HttpMethod.Delete, $"Users/{id}");

        Assert.Equal(
            [$"Created User {id} W/\"1\" []", $"Replaced User {id} W/\"2\" []", $"Patched User {id} W/\"3\" [title]", $"Deleted User {id}  []"],
            recorder.Changes.Select(c => $"{c.Kind} {c.ResourceType.Name} {c.Id} {c.Version} [{string.Join(",", c.ChangedAttributes)}]"));
        Assert.Equal("Lead", recorder.Changes[2].Resource!.Json["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task FailingHandler_WriteStandsAndTheFailureIsLogged()
    {
        await using var host = await ScimTestHost.StartAsync(store: s => s.AddInMemoryStore().AddChangeHandler<FailingHandler>());

        var created = await host.PostAsync("Users", $$"""{"schemas":["{{UserSchema}}"],"userName":"noah"}""");

        Assert.Equal(201, created.Status);
        Assert.Equal(1, (await host.GetAsync("Users")).Body!["totalResults"]!.GetValue<int>());
        Assert.Contains(host.Logs, l => l.Contains("FailingHandler failed on Created of User", StringComparison.Ordinal));
    }

    private sealed class Recorder
    {
        private readonly ConcurrentQueue<ResourceChange> _changes = new();

        public IReadOnlyList<ResourceChange> Changes => [.. _changes];

        public void Add(ResourceChange change) => _changes.Enqueue(change);
    }

    private sealed class RecordingHandler(Recorder recorder) : IResourceChangeHandler
    {
        public Task OnChangedAsync(ResourceChange change, CancellationToken cancellationToken = default)
        {
            recorder.Add(change);
            return Task.CompletedTask;
        }
    }

    private sealed class FailingHandler : IResourceChangeHandler
    {
        public Task OnChangedAsync(ResourceChange change, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the host's rule broke");
    }
}
