using System.Globalization;
using H2Sharp;
using H2Sharp.Events;

namespace AsyncServer;

/// <summary>
/// One HTTP/2 connection: a loop that reads the transport and feeds the H2Connection, and one
/// task per response that sends its body as fast as flow control allows.
/// </summary>
/// <remarks>
/// H2Connection is deliberately not thread-safe. Every use of it, and every write of the bytes
/// it produces, happens while holding <see cref="_gate"/>, so frames leave in the order the
/// connection made them.
/// </remarks>
internal sealed class Http2Session(Stream transport, Router router) : IDisposable
{
    // Request bodies are held in memory; this bounds what one stream may make us hold.
    private const int MaxRequestBody = 16 * 1024 * 1024;

    private readonly H2Connection _conn = new(new H2Configuration { ClientSide = false });
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<int, Request> _requests = [];
    // Senders blocked on a closed flow-control window, woken by WindowUpdated.
    private readonly Dictionary<int, TaskCompletionSource> _windowWaiters = [];
    private readonly List<Task> _responses = [];

    public async Task RunAsync(CancellationToken stopping)
    {
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        CancellationToken token = closed.Token;

        await _gate.WaitAsync(token);
        try
        {
            _conn.InitiateConnection();
            await FlushAsync(token);
        }
        finally
        {
            _gate.Release();
        }

        var buffer = new byte[65535];
        try
        {
            while (true)
            {
                int read = await transport.ReadAsync(buffer, token);
                if (read == 0)
                {
                    break;
                }
                await _gate.WaitAsync(token);
                try
                {
                    IReadOnlyList<H2Event> events;
                    try
                    {
                        events = _conn.ReceiveData(buffer.AsSpan(0, read));
                    }
                    catch (ProtocolException)
                    {
                        await FlushAsync(token); // the GOAWAY the connection queued
                        break;
                    }
                    bool terminated = false;
                    foreach (H2Event e in events)
                    {
                        terminated |= Handle(e, token);
                    }
                    await FlushAsync(token);
                    if (terminated)
                    {
                        break;
                    }
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await SayGoodbyeAsync(); // shutting down: tell the client with GOAWAY
        }
        finally
        {
            // The connection is over: wake every blocked sender so that it gives up.
            await closed.CancelAsync();
            lock (_windowWaiters)
            {
                foreach (TaskCompletionSource waiter in _windowWaiters.Values)
                {
                    waiter.TrySetCanceled(token);
                }
                _windowWaiters.Clear();
            }
            await Task.WhenAll(_responses).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Reacts to one event; true when the client ended the connection.</summary>
    private bool Handle(H2Event e, CancellationToken token)
    {
        switch (e)
        {
            case RequestReceived request:
                _requests[request.StreamId] = new Request(request.StreamId, request.Headers);
                break;
            case DataReceived data:
                if (_requests.TryGetValue(data.StreamId, out Request? pending))
                {
                    if (pending.Body.Length + data.Data.Length > MaxRequestBody)
                    {
                        _requests.Remove(data.StreamId);
                        _conn.ResetStream(data.StreamId, ErrorCode.RefusedStream);
                        break;
                    }
                    pending.Body.Write(data.Data.Span);
                }
                // Give the flow-control credit back, or the client stalls once the window is spent.
                _conn.AcknowledgeReceivedData(data.FlowControlledLength, data.StreamId);
                break;
            case StreamEnded ended:
                if (_requests.Remove(ended.StreamId, out Request? complete))
                {
                    _responses.RemoveAll(t => t.IsCompleted);
                    _responses.Add(RespondAsync(complete, token));
                }
                break;
            case StreamReset reset:
                _requests.Remove(reset.StreamId);
                WakeSenders(reset.StreamId, streamIsGone: true);
                break;
            case WindowUpdated window:
                WakeSenders(window.StreamId); // stream 0: the connection window, which every stream shares
                break;
            case RemoteSettingsChanged:
                WakeSenders(0); // a new SETTINGS_INITIAL_WINDOW_SIZE changes every stream's window
                break;
            case ConnectionTerminated:
                return true;
        }
        return false;
    }

    private async Task RespondAsync(Request request, CancellationToken token)
    {
        try
        {
            Response response = await router.HandleAsync(request);
            bool bodyFollows = !response.OmitBody && response.Body.Length > 0;
            await _gate.WaitAsync(token);
            try
            {
                _conn.SendHeaders(request.StreamId,
                [
                    new HeaderField(":status", response.Status.ToString(CultureInfo.InvariantCulture)),
                    new HeaderField("content-type", response.ContentType),
                    new HeaderField("content-length", response.Body.Length.ToString(CultureInfo.InvariantCulture)),
                    new HeaderField("server", "h2sharp-async-server"),
                ], endStream: !bodyFollows);
                await FlushAsync(token);
            }
            finally
            {
                _gate.Release();
            }
            if (bodyFollows)
            {
                await SendBodyAsync(request.StreamId, response.Body, token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or H2Exception or IOException)
        {
            // The stream was reset or the connection closed while we answered: drop the response.
        }
    }

    /// <summary>
    /// Sends the body as fast as flow control allows: what the stream's and the connection's
    /// windows have room for goes now (SendAvailableData cuts it into frames the client
    /// accepts), the rest after the client's WINDOW_UPDATE.
    /// </summary>
    private async Task SendBodyAsync(int streamId, ReadOnlyMemory<byte> body, CancellationToken token)
    {
        while (!body.IsEmpty)
        {
            Task windowOpened;
            await _gate.WaitAsync(token);
            try
            {
                // Registered before sending, while holding the gate: no WindowUpdated can slip by.
                windowOpened = WaitForWindow(streamId);
                int sent = _conn.SendAvailableData(streamId, body.Span, endStream: true);
                body = body[sent..];
                await FlushAsync(token);
            }
            finally
            {
                _gate.Release();
            }
            if (!body.IsEmpty)
            {
                await windowOpened.WaitAsync(token);
            }
        }
        ForgetWaiter(streamId);
    }

    private Task WaitForWindow(int streamId)
    {
        lock (_windowWaiters)
        {
            if (!_windowWaiters.TryGetValue(streamId, out TaskCompletionSource? waiter))
            {
                waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _windowWaiters[streamId] = waiter;
            }
            return waiter.Task;
        }
    }

    private void ForgetWaiter(int streamId)
    {
        lock (_windowWaiters)
        {
            _windowWaiters.Remove(streamId);
        }
    }

    /// <summary>Wakes the sender of one stream, or every sender for stream 0.</summary>
    private void WakeSenders(int streamId, bool streamIsGone = false)
    {
        lock (_windowWaiters)
        {
            if (streamId == 0)
            {
                foreach (TaskCompletionSource waiter in _windowWaiters.Values)
                {
                    waiter.TrySetResult();
                }
                _windowWaiters.Clear();
            }
            else if (_windowWaiters.Remove(streamId, out TaskCompletionSource? waiter))
            {
                if (streamIsGone)
                {
                    waiter.TrySetCanceled(); // its sender gives up
                }
                else
                {
                    waiter.TrySetResult();
                }
            }
        }
    }

    private async Task SayGoodbyeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _conn.CloseConnection();
            await FlushAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is H2Exception or IOException or ObjectDisposedException)
        {
            // Already closed.
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Writes whatever the connection has queued. Call it holding the gate.</summary>
    private async Task FlushAsync(CancellationToken token)
    {
        byte[] bytes = _conn.DataToSend();
        if (bytes.Length > 0)
        {
            await transport.WriteAsync(bytes, token);
        }
    }
}
