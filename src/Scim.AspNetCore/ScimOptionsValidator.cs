using Microsoft.Extensions.Options;
using Scim.Core.Schema;
using Scim.Core.Serialization;

namespace Scim.AspNetCore;

/// <summary>Checks <see cref="ScimOptions"/> when the host starts, so a bad setting fails the start, not a request.</summary>
internal sealed class ScimOptionsValidator(SchemaRegistry registry) : IValidateOptions<ScimOptions>
{
    public ValidateOptionsResult Validate(string? name, ScimOptions options)
    {
        var failures = new List<string>();
        if (options.ServiceProviderConfig is not { } config)
        {
            failures.Add("ServiceProviderConfig is required.");
        }
        else
        {
            if (config.FilterMaxResults < 1)
            {
                failures.Add($"ServiceProviderConfig.FilterMaxResults must be positive; it is {config.FilterMaxResults}.");
            }

            if (config.BulkMaxOperations < 1 || config.BulkMaxPayloadSize < 1)
            {
                failures.Add($"ServiceProviderConfig.BulkMaxOperations and BulkMaxPayloadSize must be positive; they are {config.BulkMaxOperations} and {config.BulkMaxPayloadSize}.");
            }

            if (config.Pagination is not null)
            {
                failures.Add("ServiceProviderConfig.Pagination must be null: it is written from ScimOptions.Pagination, DefaultCount and FilterMaxResults.");
            }
        }

        if (options.DefaultCount < 1)
        {
            failures.Add($"DefaultCount must be positive; it is {options.DefaultCount}.");
        }

        if (options.Pagination is not { } pagination)
        {
            failures.Add("Pagination is required.");
        }
        else
        {
            if (pagination.CursorTimeout < TimeSpan.FromSeconds(1))
            {
                failures.Add($"Pagination.CursorTimeout must be at least one second; it is {pagination.CursorTimeout}.");
            }

            if (!Enum.IsDefined(pagination.DefaultMethod))
            {
                failures.Add($"Pagination.DefaultMethod must be Index or Cursor; it is {pagination.DefaultMethod}.");
            }
            else if (pagination.DefaultMethod == PaginationMethod.Cursor && !pagination.CursorSupported)
            {
                failures.Add("Pagination.DefaultMethod is Cursor, but Pagination.CursorSupported is false.");
            }
        }

        if (options.MaxRequestBodySize < 1)
        {
            failures.Add($"MaxRequestBodySize must be positive; it is {options.MaxRequestBodySize}.");
        }

        if (options.UnavailableRetryAfter < TimeSpan.Zero)
        {
            failures.Add($"UnavailableRetryAfter must not be negative; it is {options.UnavailableRetryAfter}.");
        }

        if (options.MaxConcurrencyRetries < 0)
        {
            failures.Add($"MaxConcurrencyRetries must not be negative; it is {options.MaxConcurrencyRetries}.");
        }

        if (options.FilterOptions is null || options.PatchOptions is null || options.ValidatorOptions is null)
        {
            failures.Add("FilterOptions, PatchOptions and ValidatorOptions are required.");
        }

        foreach (var typeName in options.PatchResponses.Keys)
        {
            if (registry.FindResourceType(typeName) is null)
            {
                failures.Add($"PatchResponses names '{typeName}', which is not a registered resource type ({string.Join(", ", registry.ResourceTypes)}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
