using System;
using System.Threading.Tasks;
using H2Sharp.Server;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace H2Sharp.AspNetCore;

/// <summary>
/// Runs an ASP.NET Core application (<see cref="IHttpApplication{TContext}"/>) for each request
/// of an <see cref="H2Server"/>, with the request lifecycle of Kestrel: the app runs, an
/// exception before the response started becomes a 500, one after becomes RST_STREAM
/// INTERNAL_ERROR, then the response completes (trailers, END_STREAM), then the OnCompleted
/// callbacks run, then the context is disposed.
/// </summary>
/// <typeparam name="TContext">The hosting layer's context type.</typeparam>
internal sealed class HostingApplicationAdapter<TContext>(IHttpApplication<TContext> application, ILogger logger) : IH2Application
    where TContext : notnull
{
    /// <inheritdoc />
    public ValueTask HandleAsync(H2ServerRequestContext context)
    {
        if (context.ApplicationState is not StreamFeatures<TContext> features)
        {
            features = new StreamFeatures<TContext>();
            context.ApplicationState = features;
        }
        features.Initialize(context);
        TContext hostContext = application.CreateContext(features);
        Task run;
        try
        {
            run = application.ProcessRequestAsync(hostContext);
        }
#pragma warning disable CA1031 // Whatever the app throws is the client's 500 or reset, as on Kestrel.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            run = Task.FromException(ex);
        }

        // The common case: the app finished synchronously and its response fits the first
        // write; no state machine, no allocation.
        if (run.IsCompletedSuccessfully && !features.HasOnCompleted)
        {
            ValueTask complete = features.CompleteResponseAsync();
            if (complete.IsCompletedSuccessfully)
            {
                complete.GetAwaiter().GetResult();
                application.DisposeContext(hostContext, null);
                features.Uninitialize();
                return default;
            }
            return FinishAsync(features, hostContext, complete);
        }
        return RunAsync(features, hostContext, run);
    }

    private async ValueTask FinishAsync(StreamFeatures<TContext> features, TContext hostContext, ValueTask complete)
    {
        Exception? error = null;
        try
        {
            await complete.ConfigureAwait(false);
        }
#pragma warning disable CA1031
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = ex;
        }
        await features.FireOnCompletedAsync(logger).ConfigureAwait(false);
        application.DisposeContext(hostContext, error);
        features.Uninitialize();
    }

    private async ValueTask RunAsync(StreamFeatures<TContext> features, TContext hostContext, Task run)
    {
        Exception? error = null;
        try
        {
            await run.ConfigureAwait(false);
        }
#pragma warning disable CA1031
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = ex;
            ReportApplicationError(features, ex);
        }

        try
        {
            await features.CompleteResponseAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The stream is gone (reset, connection closed): nothing more to send.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error ??= ex;
        }
        await features.FireOnCompletedAsync(logger).ConfigureAwait(false);
        application.DisposeContext(hostContext, error);
        features.Uninitialize();
    }

    private void ReportApplicationError(StreamFeatures<TContext> features, Exception ex)
    {
        // A reset stream makes the app's reads and writes fail; that is the client's doing, not an app error.
        if (ex is OperationCanceledException && features.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        ServerLog.ApplicationError(logger, features.ConnectionId, features.TraceIdentifier, ex);
        if (!features.HasStarted)
        {
            int status = ex switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                H2BadRequestException bad => bad.StatusCode,
                _ => StatusCodes.Status500InternalServerError,
            };
            features.SetErrorResponse(status);
        }
        else
        {
            // RFC 9113 section 8.1: a server that cannot finish a started response resets the
            // stream; Kestrel uses INTERNAL_ERROR.
            features.Abort();
        }
    }
}
