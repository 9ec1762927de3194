using System.Text.Json.Serialization;

namespace KeepnetHost.Data;

/// <summary>How a <see cref="ProvisioningLogPage"/> writes its entries: camel-case names, no <see langword="null"/> members.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<ProvisioningLogEntry>))]
internal sealed partial class ProvisioningLogJson : JsonSerializerContext;
