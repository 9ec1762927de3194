using Microsoft.Extensions.Logging;
using Scim.Core.Errors;

namespace Scim.AspNetCore.Endpoints;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "SCIM {Method} {Path} failed unexpectedly; correlation id {CorrelationId}")]
    public static partial void UnexpectedError(ILogger logger, Exception exception, string method, string path, string correlationId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "SCIM error {Status} {ScimType}: {Detail}")]
    public static partial void ScimError(ILogger logger, int status, ScimErrorType? scimType, string detail);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "SCIM error {Status} after the response started; aborted the connection (correlation id {CorrelationId})")]
    public static partial void ResponseStarted(ILogger logger, int status, string correlationId);
}
