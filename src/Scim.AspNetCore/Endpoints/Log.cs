using Microsoft.Extensions.Logging;
using Scim.Core.Changes;
using Scim.Core.Errors;

namespace Scim.AspNetCore.Endpoints;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "SCIM {Method} {Path} failed unexpectedly; correlation id {CorrelationId}")]
    public static partial void UnexpectedError(ILogger logger, Exception exception, string method, string path, string correlationId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "SCIM {Method} {Path} answered {Status} {ScimType}: {Detail}")]
    public static partial void ScimError(ILogger logger, string method, string path, int status, ScimErrorType? scimType, string detail);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "SCIM error {Status} after the response started; aborted the connection (correlation id {CorrelationId})")]
    public static partial void ResponseStarted(ILogger logger, int status, string correlationId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "SCIM change handler {Handler} failed on {Kind} of {ResourceType} {Id}; the write stands")]
    public static partial void ChangeHandlerFailed(ILogger logger, Exception exception, string handler, ResourceChangeKind kind, string resourceType, string id);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "SCIM bulk request: {Operations} operations, {Failed} failed, {Skipped} not run (failOnErrors {FailOnErrors})")]
    public static partial void BulkCompleted(ILogger logger, int operations, int failed, int skipped, int? failOnErrors);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "SCIM member change to {ResourceType} {Id} waits for the one being written; the waiting ones are written together")]
    public static partial void MemberChangeWaits(ILogger logger, string resourceType, string id);
}
