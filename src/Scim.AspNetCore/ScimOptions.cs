using Scim.Core.Errors;
using Scim.Core.Filtering;
using Scim.Core.Patching;
using Scim.Core.Schema;
using Scim.Core.Serialization;

namespace Scim.AspNetCore;

/// <summary>
/// Limits and behaviour of the SCIM endpoints, set with <c>services.AddScim(options => ...)</c> and validated when the
/// host starts. The defaults are safe for a public endpoint and suit Microsoft Entra ID, Okta, OneLogin and JumpCloud
/// (see <see cref="Compatibility"/>).
/// </summary>
public sealed class ScimOptions
{
    /// <summary>
    /// What <c>/ServiceProviderConfig</c> advertises, and the limits it advertises are the ones enforced:
    /// <see cref="ServiceProviderConfig.FilterMaxResults"/> (200 by default) caps <c>count</c>;
    /// <see cref="ServiceProviderConfig.BulkSupported"/> (on by default) turns <c>/Bulk</c> on or off (501), with
    /// <see cref="ServiceProviderConfig.BulkMaxOperations"/> (1,000) and <see cref="ServiceProviderConfig.BulkMaxPayloadSize"/>
    /// (1 MiB) as its limits (413 beyond them). Its <see cref="ServiceProviderConfig.Pagination"/> must stay
    /// <see langword="null"/>: the endpoint writes that entry from <see cref="Pagination"/>.
    /// </summary>
    public ServiceProviderConfig ServiceProviderConfig { get; set; } = new() { BulkSupported = true };

    /// <summary>The page size of a query that gives no <c>count</c>; 100 by default, and never above <see cref="ServiceProviderConfig.FilterMaxResults"/>.</summary>
    public int DefaultCount { get; set; } = 100;

    /// <summary>Index and cursor paging (RFC 9865): whether cursors are offered, the default method and the cursor lifetime.</summary>
    public ScimPaginationOptions Pagination { get; set; } = new();

    /// <summary>The largest request body accepted, in bytes; a larger one is 413 with a SCIM error. 1 MiB by default.</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>Length and nesting limits of the <c>filter</c> parameter.</summary>
    public ScimFilterOptions FilterOptions { get; set; } = ScimFilterOptions.Default;

    /// <summary>
    /// The client leniencies as one policy: <see cref="ScimCompatibility.Clients"/> (the default) accepts what Entra ID,
    /// Okta, OneLogin and JumpCloud send; <see cref="ScimCompatibility.Strict"/> reads the RFCs literally. Setting it
    /// rewrites every compatibility switch of <see cref="PatchOptions"/> and <see cref="ValidatorOptions"/> and keeps
    /// their limits; a switch set after it overrides the policy for that one leniency.
    /// </summary>
    public ScimCompatibility Compatibility
    {
        get;
        set
        {
            field = value;
            (PatchOptions, ValidatorOptions) = value == ScimCompatibility.Strict
                ? (PatchOptions.AsStrict(), ValidatorOptions.AsStrict())
                : (PatchOptions.Default with { MaxOperations = PatchOptions.MaxOperations, PathOptions = PatchOptions.PathOptions },
                    SchemaValidatorOptions.Default with
                    {
                        MaxStringLength = ValidatorOptions.MaxStringLength,
                        MaxValuesPerAttribute = ValidatorOptions.MaxValuesPerAttribute,
                        MaxMembers = ValidatorOptions.MaxMembers,
                        KeepWriteOnlyValues = ValidatorOptions.KeepWriteOnlyValues,
                    });
        }
    }

    /// <summary>Limits and client-compatibility switches of PATCH.</summary>
    public PatchOptions PatchOptions { get; set; } = PatchOptions.Default;

    /// <summary>Policies and limits of schema validation on POST, PUT and PATCH.</summary>
    public SchemaValidatorOptions ValidatorOptions { get; set; } = SchemaValidatorOptions.Default;

    /// <summary>
    /// How PATCH answers, per resource type name (case-insensitive); a type not listed uses
    /// <see cref="DefaultPatchResponse"/>. By default <c>Group</c> answers 204, as Microsoft Entra ID expects.
    /// </summary>
    public IDictionary<string, PatchResponse> PatchResponses { get; } =
        new Dictionary<string, PatchResponse>(StringComparer.OrdinalIgnoreCase) { ["Group"] = PatchResponse.NoContent };

    /// <summary>How PATCH answers for resource types not in <see cref="PatchResponses"/>; 200 with the resource by default.</summary>
    public PatchResponse DefaultPatchResponse { get; set; } = PatchResponse.Resource;

    /// <summary>
    /// How many times a PATCH or PUT is read, applied and written again when another writer changed the resource in
    /// between (the store answered 412 to a version the client did not ask for); 10 by default. After that it is 412.
    /// Writers to one resource in this process wait for each other, so only writers in other processes (another host
    /// on the same database) count here.
    /// </summary>
    public int MaxConcurrencyRetries { get; set; } = 10;

    /// <summary>
    /// Turns an exception of the host's own into a SCIM error instead of the logged generic 500, e.g. a database that is
    /// down into 503: <c>options.MapException = e =&gt; e is DbException ? new ScimError(503, null, "...") : null</c>.
    /// Answer <see langword="null"/> for anything else. The store should have written nothing when it threw.
    /// </summary>
    public Func<Exception, ScimError?>? MapException { get; set; }

    /// <summary>The <c>Retry-After</c> sent with every 503 (service unavailable), so clients back off; 5 seconds by default.</summary>
    public TimeSpan UnavailableRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How PATCH answers for a resource type.</summary>
    /// <param name="resourceType">The resource type.</param>
    /// <returns>The configured answer.</returns>
    public PatchResponse PatchResponseFor(ResourceType resourceType)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        return PatchResponses.TryGetValue(resourceType.Name, out var response) ? response : DefaultPatchResponse;
    }
}
