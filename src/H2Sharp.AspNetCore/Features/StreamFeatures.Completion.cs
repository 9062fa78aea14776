using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace H2Sharp.AspNetCore;

/// <content>The OnCompleted callbacks, run as Kestrel runs them: in reverse order of registration, each one's failure logged, not thrown.</content>
internal sealed partial class StreamFeatures<TContext>
{
    /// <summary>Runs the OnCompleted callbacks, last registered first.</summary>
    public async Task FireOnCompletedAsync(ILogger logger)
    {
        List<KeyValuePair<Func<object, Task>, object>>? callbacks = _onCompleted;
        if (callbacks is null)
        {
            return;
        }
        for (int i = callbacks.Count - 1; i >= 0; i--)
        {
            KeyValuePair<Func<object, Task>, object> entry = callbacks[i];
            try
            {
                await entry.Key(entry.Value).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A failing callback must not stop the others nor the connection, as on Kestrel.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                ServerLog.CallbackFailed(logger, ConnectionId, TraceIdentifier, ex);
            }
        }
        callbacks.Clear();
    }
}
