using System.Globalization;
using System.Net.Sockets;
using System.Text;
using H2Sharp;
using H2Sharp.Events;

namespace PushServer;

/// <summary>One connection, on its own thread: blocking reads, pushes, flow-controlled sends.</summary>
internal sealed class PushSession
{
    private readonly Socket _socket;
    private readonly H2Connection _conn = new(new H2Configuration { ClientSide = false });
    // Response bodies still to send, waiting for flow-control credit.
    private readonly Dictionary<int, ReadOnlyMemory<byte>> _outgoing = [];

    private PushSession(Socket socket) => _socket = socket;

    public static void Serve(Socket socket)
    {
        using (socket)
        {
            try
            {
                new PushSession(socket).Run();
            }
            catch (Exception e) when (e is SocketException or H2Exception)
            {
                // The client went away or broke the protocol: this connection is over.
            }
        }
    }

    private void Run()
    {
        _conn.InitiateConnection();
        Flush();
        var buffer = new byte[65535];
        int read;
        while ((read = _socket.Receive(buffer)) > 0)
        {
            IReadOnlyList<H2Event> events;
            try
            {
                events = _conn.ReceiveData(buffer.AsSpan(0, read));
            }
            catch (ProtocolException)
            {
                Flush(); // the GOAWAY the connection queued
                return;
            }
            foreach (H2Event e in events)
            {
                switch (e)
                {
                    case RequestReceived request:
                        Answer(request);
                        break;
                    case DataReceived data: // request bodies are not used here, but their credit is returned
                        _conn.AcknowledgeReceivedData(data.FlowControlledLength, data.StreamId);
                        break;
                    case StreamReset reset:
                        _outgoing.Remove(reset.StreamId);
                        break;
                    case ConnectionTerminated:
                        Flush();
                        return;
                }
            }
            SendWhatTheWindowsAllow();
            Flush();
        }
    }

    private void Answer(RequestReceived request)
    {
        string path = "/", scheme = "http", authority = "";
        foreach (HeaderField field in request.Headers)
        {
            switch (field.NameString)
            {
                case ":path": path = field.ValueString; break;
                case ":scheme": scheme = field.ValueString; break;
                case ":authority" or "host": authority = field.ValueString; break;
            }
        }

        (string ContentType, string Body)? file = Site.Find(path);
        if (file is null)
        {
            Respond(request.StreamId, 404, "text/plain; charset=utf-8", "not found\n");
            return;
        }

        if (path is "/" or "/index.html")
        {
            foreach (string pushedPath in Site.PushedWithPage)
            {
                Push(request.StreamId, scheme, authority, pushedPath);
            }
        }
        Respond(request.StreamId, 200, file.Value.ContentType, file.Value.Body);
    }

    /// <summary>
    /// RFC 9113 section 8.4: the PUSH_PROMISE carries the request the server pretends the client
    /// made (a safe, cacheable GET) and goes on the stream of the request it belongs to, before
    /// the response that refers to the pushed resource. The pushed response then goes on the
    /// promised stream like any other.
    /// </summary>
    private void Push(int parentStreamId, string scheme, string authority, string pushedPath)
    {
        // Push only if the client allows it: SETTINGS_ENABLE_PUSH = 0 forbids PUSH_PROMISE.
        if (!_conn.RemoteSettings.EnablePush)
        {
            return;
        }

        // Promised ids are new even ids, in increasing order: GetNextAvailableStreamId gives the next.
        int promisedStreamId = _conn.GetNextAvailableStreamId();
        _conn.PushStream(parentStreamId, promisedStreamId,
        [
            new HeaderField(":method", "GET"),
            new HeaderField(":scheme", scheme),
            new HeaderField(":authority", authority),
            new HeaderField(":path", pushedPath),
        ]);
        // The promised stream is reserved (local): its response goes out like any other.
        (string pushedType, string pushedBody) = Site.Find(pushedPath)!.Value;
        Respond(promisedStreamId, 200, pushedType, pushedBody);
    }

    private void Respond(int streamId, int status, string contentType, string text)
    {
        byte[] body = Encoding.UTF8.GetBytes(text);
        _conn.SendHeaders(streamId,
        [
            new HeaderField(":status", status.ToString(CultureInfo.InvariantCulture)),
            new HeaderField("content-type", contentType),
            new HeaderField("content-length", body.Length.ToString(CultureInfo.InvariantCulture)),
        ]);
        _outgoing[streamId] = body;
    }

    /// <summary>Sends queued bodies as far as the flow-control windows and frame size allow.</summary>
    private void SendWhatTheWindowsAllow()
    {
        foreach (int streamId in _outgoing.Keys.ToList())
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

    private void Flush()
    {
        byte[] bytes = _conn.DataToSend();
        if (bytes.Length > 0)
        {
            _socket.Send(bytes);
        }
    }
}
