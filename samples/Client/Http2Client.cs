using System.Globalization;
using H2Sharp;
using H2Sharp.Events;

namespace Client;

/// <summary>
/// The client side of one HTTP/2 connection: a background loop reads responses while any
/// number of requests are sent, each on its own stream.
/// </summary>
/// <remarks>
/// As in the AsyncServer sample, every use of the (not thread-safe) H2Connection and every
/// write of its bytes happens while holding <see cref="_gate"/>.
/// </remarks>
internal sealed class Http2Client(Stream transport) : IDisposable
{
    // We will not accept server push: the client's SETTINGS say so (SETTINGS_ENABLE_PUSH = 0).
    private readonly H2Connection _conn = new(new H2Configuration { ClientSide = true, EnablePush = false });
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<int, PendingResponse> _pending = [];
    private readonly Dictionary<int, TaskCompletionSource> _windowWaiters = [];
    private Task _reader = Task.CompletedTask;
    private bool _closed;

    /// <summary>Sends the connection preface and starts reading.</summary>
    public async Task StartAsync(CancellationToken token)
    {
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
        _reader = ReadLoopAsync(token);
    }

    /// <summary>Sends one request on a new stream and waits for the whole response.</summary>
    public async Task<PendingResponse> SendAsync(string method, Uri url, ReadOnlyMemory<byte>? body, CancellationToken token)
    {
        var headers = new List<HeaderField>
        {
            new(":method", method),
            new(":scheme", url.Scheme),
            new(":authority", url.Authority),
            new(":path", url.PathAndQuery),
            new("user-agent", "h2sharp-client/1.0"),
            new("accept", "*/*"),
        };
        if (body is ReadOnlyMemory<byte> content)
        {
            headers.Add(new("content-type", "application/octet-stream"));
            headers.Add(new("content-length", content.Length.ToString(CultureInfo.InvariantCulture)));
        }

        PendingResponse response;
        await _gate.WaitAsync(token);
        try
        {
            if (_closed)
            {
                throw new IOException("the connection is closed");
            }
            int streamId = _conn.GetNextAvailableStreamId();
            response = new PendingResponse(streamId);
            _pending[streamId] = response;
            _conn.SendHeaders(streamId, headers, endStream: body is null);
            await FlushAsync(token);
        }
        finally
        {
            _gate.Release();
        }
        if (body is ReadOnlyMemory<byte> data)
        {
            await SendBodyAsync(response.StreamId, data, token);
        }
        return await response.Completion.Task.WaitAsync(token);
    }

    /// <summary>Says goodbye with GOAWAY and waits for the server to close.</summary>
    public async Task CloseAsync(CancellationToken token)
    {
        await _gate.WaitAsync(token);
        try
        {
            if (_closed)
            {
                return; // the connection already ended, by an error or the server
            }

            _conn.CloseConnection();
            await FlushAsync(token);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReadLoopAsync(CancellationToken token)
    {
        var buffer = new byte[65535];
        Exception? failure = null;
        try
        {
            int read;
            while ((read = await transport.ReadAsync(buffer, token)) > 0)
            {
                await _gate.WaitAsync(token);
                try
                {
                    IReadOnlyList<H2Event> events;
                    try
                    {
                        events = _conn.ReceiveData(buffer.AsSpan(0, read));
                    }
                    catch (H2Exception)
                    {
                        // A connection error: the GOAWAY the connection queued tells the server
                        // why, and it is the last word (CloseAsync sends no second GOAWAY).
                        _closed = true;
                        await FlushAsync(token);
                        throw;
                    }
                    foreach (H2Event e in events)
                    {
                        Handle(e);
                    }
                    await FlushAsync(token);
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (Exception e) when (e is H2Exception or InvalidOperationException or IOException or OperationCanceledException)
        {
            failure = e;
        }
        // The connection is over: whatever has not ended never will.
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            _closed = true;
            foreach (PendingResponse response in _pending.Values)
            {
                response.Completion.TrySetException(new IOException("the connection closed before the response ended", failure));
            }
            _pending.Clear();
        }
        finally
        {
            _gate.Release();
        }
        lock (_windowWaiters)
        {
            foreach (TaskCompletionSource waiter in _windowWaiters.Values)
            {
                waiter.TrySetCanceled(CancellationToken.None);
            }
            _windowWaiters.Clear();
        }
    }

    private void Handle(H2Event e)
    {
        switch (e)
        {
            case ResponseReceived headers when _pending.TryGetValue(headers.StreamId, out PendingResponse? response):
                response.Headers = headers.Headers;
                break;
            case DataReceived data:
                if (_pending.TryGetValue(data.StreamId, out PendingResponse? receiving))
                {
                    receiving.Body.Write(data.Span);
                }
                // Hand the flow-control credit back so the server can keep sending.
                _conn.AcknowledgeReceivedData(data.FlowControlledLength, data.StreamId);
                break;
            case StreamEnded ended when _pending.Remove(ended.StreamId, out PendingResponse? done):
                done.Completion.TrySetResult(done);
                break;
            case StreamReset reset:
                if (_pending.Remove(reset.StreamId, out PendingResponse? failed))
                {
                    failed.Completion.TrySetException(new IOException($"the server reset stream {reset.StreamId}: {reset.ErrorCode}"));
                }
                WakeSenders(reset.StreamId);
                break;
            case WindowUpdated window:
                WakeSenders(window.StreamId);
                break;
            case RemoteSettingsChanged:
                WakeSenders(0); // SETTINGS_INITIAL_WINDOW_SIZE may have moved every stream's window
                break;
        }
    }

    /// <summary>
    /// Sends the body as flow control allows: SendAvailableData sends what the windows have
    /// room for, in frames the server accepts; the rest waits for WindowUpdated.
    /// </summary>
    private async Task SendBodyAsync(int streamId, ReadOnlyMemory<byte> body, CancellationToken token)
    {
        do
        {
            Task windowOpened;
            await _gate.WaitAsync(token);
            try
            {
                windowOpened = WaitForWindow(streamId); // under the gate: no update can be missed
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
        while (!body.IsEmpty);
        lock (_windowWaiters)
        {
            _windowWaiters.Remove(streamId);
        }
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

    private void WakeSenders(int streamId)
    {
        lock (_windowWaiters)
        {
            foreach (int waiting in _windowWaiters.Keys.ToList())
            {
                if (streamId == 0 || waiting == streamId)
                {
                    _windowWaiters.Remove(waiting, out TaskCompletionSource? waiter);
                    waiter!.TrySetResult();
                }
            }
        }
    }

    private async Task FlushAsync(CancellationToken token)
    {
        byte[] bytes = _conn.DataToSend();
        if (bytes.Length > 0)
        {
            await transport.WriteAsync(bytes, token);
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Waits for the read loop to end (after GOAWAY, when the server closes).</summary>
    public Task Completion => _reader;
}
