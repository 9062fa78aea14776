using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using H2Sharp;
using H2Sharp.Events;

namespace UpgradeServer;

/// <summary>One connection: an HTTP/1.1 request that asks to upgrade, then HTTP/2.</summary>
internal static class UpgradeSession
{
    // A request head larger than this is refused: reading it must not grow without bound.
    private const int MaxRequestHead = 16 * 1024;

    // Hop-by-hop fields of the HTTP/1.1 request that have no place in an HTTP/2 request.
    private static readonly string[] NotForHttp2 =
        ["connection", "upgrade", "http2-settings", "host", "keep-alive", "proxy-connection", "transfer-encoding", "te"];

    public static void Serve(Socket socket)
    {
        using (socket)
        {
            try
            {
                Run(socket);
            }
            catch (Exception e) when (e is SocketException or H2Exception)
            {
                // The client went away or broke the protocol: this connection is over.
            }
        }
    }

    private static void Run(Socket socket)
    {
        // Step 1: read the HTTP/1.1 request head, up to the empty line.
        var received = new List<byte>();
        var buffer = new byte[65535];
        int headEnd;
        while ((headEnd = IndexOfEndOfHead(received)) < 0)
        {
            int read = received.Count < MaxRequestHead ? socket.Receive(buffer) : 0;
            if (read == 0)
            {
                return; // closed, or a head too large to be a sensible request
            }
            received.AddRange(buffer.AsSpan(0, read));
        }
        byte[] bytes = [.. received];
        Http1Request? request = Http1Request.Parse(bytes.AsSpan(0, headEnd));

        var conn = new H2Connection(new H2Configuration { ClientSide = false });
        if (request is { Method: "PRI", Target: "*", Version: "HTTP/2.0" })
        {
            // Not HTTP/1.1 at all: the first line of the HTTP/2 connection preface. The client
            // knew we speak HTTP/2; hand everything, preface included, to the connection.
            conn.InitiateConnection();
            socket.Send(conn.DataToSend());
            if (!Process(socket, conn, bytes))
            {
                return;
            }
        }
        else if (request is null || !AsksForUpgrade(request, out string? settings))
        {
            RefuseInHttp1(socket);
            return;
        }
        else if (HasBody(request))
        {
            // A request with a body is answered in HTTP/1.1: the server "MAY ignore a received
            // Upgrade header field" (RFC 9110 section 7.8). Upgrading it would mean reading the
            // whole body in HTTP/1.1 before the 101 (RFC 7540 section 3.2), for a mechanism RFC
            // 9113 section 3.1 deprecates ("never widely deployed") and whose h2 example assumes
            // a request without a body. The body itself is not used here and is left unread.
            AnswerInHttp1(socket, AsHttp2Headers(request));
            return;
        }
        else
        {
            // Step 2: an H2Connection that starts from the client's HTTP2-Settings (in force at
            // once, the 101 acknowledges them). It also opens stream 1 for the HTTP/1.1 request,
            // already half-closed by the client.
            try
            {
                conn.InitiateUpgradeConnection(settings);
            }
            catch (ProtocolException)
            {
                // Not a valid SETTINGS payload: decline the upgrade, answer in HTTP/1.1.
                AnswerInHttp1(socket, AsHttp2Headers(request));
                return;
            }
            // Step 3: 101 Switching Protocols, then at once our HTTP/2 preface (SETTINGS). No
            // HTTP/1.1 may follow on this connection.
            socket.Send("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"u8);
            socket.Send(conn.DataToSend());
            // Step 4: the answer to the HTTP/1.1 request goes out in HTTP/2, on stream 1.
            SendResponse(conn, 1, AsHttp2Headers(request));
            socket.Send(conn.DataToSend());
            // The client's preface may have come in the same read as its request.
            if (bytes.Length > headEnd + 4 && !Process(socket, conn, bytes.AsSpan(headEnd + 4)))
            {
                return;
            }
        }
        // Step 5: from now on, plain HTTP/2, as in GettingStarted.
        int n;
        while ((n = socket.Receive(buffer)) > 0 && Process(socket, conn, buffer.AsSpan(0, n)))
        {
        }
    }

    /// <summary>Feeds bytes to the connection and answers requests; false when the connection is over.</summary>
    private static bool Process(Socket socket, H2Connection conn, ReadOnlySpan<byte> data)
    {
        IReadOnlyList<H2Event> events;
        try
        {
            events = conn.ReceiveData(data);
        }
        catch (ProtocolException)
        {
            socket.Send(conn.DataToSend()); // the GOAWAY the connection queued
            return false;
        }
        bool open = true;
        foreach (H2Event e in events)
        {
            if (e is RequestReceived request)
            {
                var headers = new List<KeyValuePair<string, string>>();
                foreach (HeaderField field in request.Headers)
                {
                    headers.Add(new(field.NameString, field.ValueString));
                }
                SendResponse(conn, request.StreamId, headers);
            }
            else if (e is ConnectionTerminated)
            {
                open = false;
            }
        }
        socket.Send(conn.DataToSend());
        return open;
    }

    /// <summary>
    /// RFC 7540 section 3.2: "Upgrade: h2c", exactly one HTTP2-Settings field ("A server MUST
    /// NOT upgrade the connection to HTTP/2 if this header field is not present or if more
    /// than one is present"), both named in Connection.
    /// </summary>
    private static bool AsksForUpgrade(Http1Request request, out string? settings)
    {
        List<string> settingsFields = request.Values("HTTP2-Settings");
        settings = settingsFields.Count == 1 ? settingsFields[0] : null;
        return settings is not null
            && request.HasToken("Upgrade", "h2c")
            && request.HasToken("Connection", "Upgrade") && request.HasToken("Connection", "HTTP2-Settings");
    }

    /// <summary>Whether the HTTP/1.1 request carries content (RFC 9112 section 6.3).</summary>
    private static bool HasBody(Http1Request request) =>
        request.Values("Transfer-Encoding").Count > 0 || request.Values("Content-Length").Exists(v => v != "0");

    /// <summary>The HTTP/1.1 request as HTTP/2 would have carried it: pseudo-headers first.</summary>
    private static List<KeyValuePair<string, string>> AsHttp2Headers(Http1Request request)
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new(":method", request.Method),
            new(":path", request.Target),
            new(":scheme", "http"),
            new(":authority", request.Values("Host").FirstOrDefault() ?? ""),
        };
        foreach ((string name, string value) in request.Headers)
        {
            string lower = name.ToLowerInvariant();
            if (!NotForHttp2.Contains(lower))
            {
                headers.Add(new(lower, value));
            }
        }
        return headers;
    }

    /// <summary>The request's headers as a JSON object, like the GettingStarted server.</summary>
    private static void SendResponse(H2Connection conn, int streamId, List<KeyValuePair<string, string>> requestHeaders)
    {
        var json = new JsonObject();
        foreach ((string name, string value) in requestHeaders)
        {
            json[name] = value;
        }
        byte[] body = Encoding.UTF8.GetBytes(json.ToJsonString());
        conn.SendHeaders(streamId,
        [
            new HeaderField(":status", "200"),
            new HeaderField("content-type", "application/json"),
            new HeaderField("content-length", body.Length.ToString(CultureInfo.InvariantCulture)),
        ]);
        // Small enough for one DATA frame within the initial windows; see AsyncServer for more.
        conn.SendData(streamId, body, endStream: true);
    }

    /// <summary>The same JSON answer in HTTP/1.1, for an upgrade we decline.</summary>
    private static void AnswerInHttp1(Socket socket, List<KeyValuePair<string, string>> requestHeaders)
    {
        var json = new JsonObject();
        foreach ((string name, string value) in requestHeaders)
        {
            json[name] = value;
        }
        byte[] body = Encoding.UTF8.GetBytes(json.ToJsonString());
        socket.Send(Encoding.ASCII.GetBytes(
            "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\n" +
            $"Content-Length: {body.Length}\r\n\r\n"));
        socket.Send(body);
    }

    private static void RefuseInHttp1(Socket socket)
    {
        byte[] body = "This server speaks HTTP/2: send Upgrade: h2c (curl --http2) or use prior knowledge.\n"u8.ToArray();
        socket.Send(Encoding.ASCII.GetBytes(
            "HTTP/1.1 426 Upgrade Required\r\nUpgrade: h2c\r\nConnection: Upgrade, close\r\n" +
            $"Content-Type: text/plain\r\nContent-Length: {body.Length}\r\n\r\n"));
        socket.Send(body);
    }

    private static int IndexOfEndOfHead(List<byte> received) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(received).IndexOf("\r\n\r\n"u8);
}
