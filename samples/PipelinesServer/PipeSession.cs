using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json.Nodes;
using H2Sharp;
using H2Sharp.Events;

namespace PipelinesServer;

/// <summary>
/// One HTTP/2 connection over a pair of pipes, in one loop: read, hand every segment to the
/// connection, react to the events, send what flow control allows, flush, repeat.
/// </summary>
internal sealed class PipeSession(PipeReader input, PipeWriter output)
{
    // The largest body /bytes/N makes, so one request cannot make us allocate without bound.
    private const int MaxGeneratedBody = 64 * 1024 * 1024;

    private readonly H2Connection _conn = new(new H2Configuration { ClientSide = false });
    private readonly Dictionary<int, Request> _requests = [];
    // Response bodies still to send, waiting for flow-control credit.
    private readonly Dictionary<int, ReadOnlyMemory<byte>> _outgoing = [];
    private readonly List<int> _sendable = [];

    private sealed class Request(IReadOnlyList<HeaderField> headers)
    {
        public IReadOnlyList<HeaderField> Headers { get; } = headers;

        public long BodyLength { get; set; }
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        _conn.InitiateConnection();
        await FlushAsync(stopping);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                _conn.CloseConnection(); // stopping: GOAWAY first
                await FlushAsync(CancellationToken.None);
                throw;
            }

            ReadOnlySequence<byte> received = result.Buffer;
            bool terminated = false;
            try
            {
                // The whole sequence goes in (the connection keeps any partial frame itself, so all
                // is consumed); bodies are lent from the pipe's segments, valid until AdvanceTo.
                foreach (H2Event e in _conn.ReceiveData(received))
                {
                    terminated |= Handle(e);
                }
            }
            catch (ProtocolException)
            {
                await FlushAsync(stopping); // the GOAWAY the connection queued
                return;
            }
            finally
            {
                input.AdvanceTo(received.End);
            }

            // Whatever arrived (WINDOW_UPDATE, SETTINGS, a finished request) may let more go out.
            SendWhatTheWindowsAllow();
            await FlushAsync(stopping);
            if (terminated || result.IsCompleted)
            {
                return;
            }
        }
    }

    /// <summary>Reacts to one event; true when the client ended the connection.</summary>
    private bool Handle(H2Event e)
    {
        switch (e)
        {
            case RequestReceived request:
                _requests[request.StreamId] = new Request(request.Headers);
                break;
            case DataReceived data:
                if (_requests.TryGetValue(data.StreamId, out Request? receiving))
                {
                    receiving.BodyLength += data.Length; // counted, not kept
                }
                _conn.AcknowledgeReceivedData(data.FlowControlledLength, data.StreamId);
                break;
            case StreamEnded ended:
                if (_requests.Remove(ended.StreamId, out Request? complete))
                {
                    Respond(ended.StreamId, complete);
                }
                break;
            case StreamReset reset:
                _requests.Remove(reset.StreamId);
                _outgoing.Remove(reset.StreamId);
                break;
            case ConnectionTerminated:
                return true;
        }
        return false;
    }

    /// <summary>
    /// <c>/bytes/N</c>: N bytes of "abc...z" repeated; anything else: the request's headers and
    /// body length as JSON.
    /// </summary>
    private void Respond(int streamId, Request request)
    {
        string path = "";
        var headers = new JsonObject();
        foreach (HeaderField field in request.Headers)
        {
            headers[field.NameString] = field.ValueString;
            if (field.NameString == ":path")
            {
                path = field.ValueString;
            }
        }

        string contentType;
        byte[] body;
        if (path.StartsWith("/bytes/", StringComparison.Ordinal)
            && int.TryParse(path.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out int size)
            && size <= MaxGeneratedBody)
        {
            contentType = "application/octet-stream";
            body = new byte[size];
            for (int i = 0; i < body.Length; i++)
            {
                body[i] = (byte)('a' + i % 26);
            }
        }
        else
        {
            contentType = "application/json";
            var json = new JsonObject { ["headers"] = headers, ["bodyLength"] = request.BodyLength };
            body = Encoding.UTF8.GetBytes(json.ToJsonString());
        }

        _conn.SendHeaders(streamId,
        [
            new HeaderField(":status", "200"),
            new HeaderField("content-type", contentType),
            new HeaderField("content-length", body.Length.ToString(CultureInfo.InvariantCulture)),
        ], endStream: body.Length == 0);
        if (body.Length > 0)
        {
            _outgoing[streamId] = body;
        }
    }

    /// <summary>
    /// Sends queued bodies as far as the stream's and the connection's windows allow
    /// (SendAvailableData cuts frames to the client's size). The rest waits for a WINDOW_UPDATE.
    /// </summary>
    private void SendWhatTheWindowsAllow()
    {
        _sendable.Clear();
        _sendable.AddRange(_outgoing.Keys);
        foreach (int streamId in _sendable)
        {
            ReadOnlyMemory<byte> rest = _outgoing[streamId];
            rest = rest[_conn.SendAvailableData(streamId, rest.Span, endStream: true)..];
            if (rest.IsEmpty)
            {
                _outgoing.Remove(streamId);
            }
            else
            {
                _outgoing[streamId] = rest;
            }
        }
    }

    /// <summary>Copies the connection's output into the pipe's buffer and flushes it to the socket.</summary>
    private async Task FlushAsync(CancellationToken token)
    {
        // Straight from the connection's buffer into the pipe's: no intermediate array.
        _conn.DataToSend(output);
        await output.FlushAsync(token);
    }
}
