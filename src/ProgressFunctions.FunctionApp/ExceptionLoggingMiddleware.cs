using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace ProgressFunctions.FunctionApp;

/// <summary>Logs a failed invocation by function name and invocation id, then rethrows.</summary>
/// <remarks>
/// Only the exception type and the two ids are logged as structured fields: exception messages from the import and
/// report paths can quote pupil data, and logs must hold pseudonymous ids only (DESIGN.md section 8). The exception
/// is rethrown so the host still counts the failure: a queue message is retried and lands in its poison queue after
/// host.json's maxDequeueCount; a blob trigger goes to webjobs-blobtrigger-poison.
/// </remarks>
internal sealed partial class ExceptionLoggingMiddleware(ILogger<ExceptionLoggingMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex)
        {
            var root = ex is AggregateException { InnerException: { } inner } ? inner : ex;
            InvocationFailed(logger, context.FunctionDefinition.Name, context.InvocationId, root.GetType().FullName ?? root.GetType().Name);
            throw;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Function {FunctionName} invocation {InvocationId} failed with {ExceptionType}")]
    private static partial void InvocationFailed(ILogger logger, string functionName, string invocationId, string exceptionType);
}
