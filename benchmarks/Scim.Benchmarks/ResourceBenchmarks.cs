using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Scim.Core.Paths;
using Scim.Core.Querying;
using Scim.Core.Resources;
using Scim.Core.Schema;
using Scim.Core.Serialization;

namespace Scim.Benchmarks;

/// <summary>Schema validation, serialization and projection of the RFC 7643 §8.3 enterprise user.</summary>
[MemoryDiagnoser]
[BenchmarkCategory("Resource")]
public class ResourceBenchmarks
{
    private static readonly SchemaRegistry Registry = SchemaRegistry.CreateDefault();
    private static readonly ResourceType User = Registry.FindResourceType("User")!;
    private readonly SchemaValidator _validator = new(Registry);
    private readonly byte[] _body = Encoding.UTF8.GetBytes(FilterSamples.User);
    private readonly JsonObject _input = JsonNode.Parse(FilterSamples.User)!.AsObject();
    private readonly IReadOnlyList<AttributePath> _attributes = AttributeProjection.ParseList("userName,emails.value,urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager");
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private ScimResource _user = null!;
    private string _storedBody = null!;
    private ScimMeta _storedMeta = null!;

    [GlobalSetup]
    public void Setup()
    {
        _user = _validator.ValidateForCreate(User, _input);
        var body = (JsonObject)_user.Json.DeepClone();
        body.Remove("id");
        body.Remove("meta");
        _storedBody = body.ToJsonString();
        _storedMeta = new ScimMeta("User", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "https://example.com/v2/Users/2819c223", "W/\"3\"");
    }

    [Benchmark(Baseline = true, Description = "validate for create (parsed JSON in)")]
    public ScimResource ValidateForCreate() => _validator.ValidateForCreate(User, _input);

    [Benchmark(Description = "bytes in: parse + validate for create")]
    public ScimResource ParseAndValidate() => _validator.ValidateForCreate(User, JsonNode.Parse(_body)!.AsObject());

    [Benchmark(Description = "serialize to UTF-8 JSON")]
    public byte[] Serialize() => _user.Json.ToJsonString(ScimJson.Options) is var text ? Encoding.UTF8.GetBytes(text) : [];

    [Benchmark(Description = "project attributes=userName,emails.value,manager")]
    public JsonObject Project() => AttributeProjection.Apply(_user, Registry, _attributes, null);

    [Benchmark(Description = "project default (returned rules only)")]
    public JsonObject ProjectDefault() => AttributeProjection.Apply(_user, Registry, null, null);

    [Benchmark(Description = "project default, written as UTF-8 (a response's way: no copy)")]
    public int WriteDefault() => Written(_user);

    [Benchmark(Description = "stored user written from its text (FromStored + Write: a GET's way)")]
    public int WriteStored() => Written(ScimResource.FromStored(User, "2819c223", _storedBody, _storedMeta));

    [Benchmark(Description = "stored user parsed into a JsonObject, then written (a GET's way before session 14)")]
    public int WriteStoredAsJson()
    {
        var resource = ScimResource.FromStored(User, "2819c223", _storedBody, _storedMeta);
        _ = resource.Json;
        return Written(resource);
    }

    private int Written(ScimResource resource)
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer);
        AttributeProjection.Write(writer, resource, Registry, null, null);
        writer.Flush();
        return _buffer.WrittenCount;
    }
}
