using System.Net;
using H2Sharp.Http.Tests.Support;
using Frame = H2Sharp.Http.Tests.Support.RawH2Server.Frame;

namespace H2Sharp.Http.Tests.Raw;

/// <summary>
/// The frames H2SharpHandler puts on the wire, asserted by a server that reads them byte by byte:
/// SETTINGS, RST_STREAM CANCEL on cancellation and timeout, GOAWAY handling, keep-alive PING,
/// stream window credit given back only as the caller reads, Expect: 100-continue.
/// </summary>
public sealed class RawServerTests : IDisposable
{
    private const ushort SettingsEnablePush = 0x2, SettingsInitialWindowSize = 0x4, SettingsMaxHeaderListSize = 0x6, SettingsMaxConcurrentStreams = 0x3;
    private const uint NoError = 0x0, Cancel = 0x8;

    private readonly RawH2Server _server = new();

    public void Dispose() => _server.Dispose();

    private static HttpClient Client(H2SharpHandler? handler = null, TimeSpan? timeout = null) => new(handler ?? new H2SharpHandler())
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task The_client_SETTINGS_refuse_push_and_announce_the_window_and_header_limit()
    {
        using HttpClient client = Client(new H2SharpHandler { MaxResponseHeadersLength = 32, InitialHttp2StreamWindowSize = 256 * 1024 });
        Task<string> call = client.GetStringAsync(_server.Uri("/"));
        using RawH2Server.Connection connection = await _server.AcceptAsync();
        Dictionary<ushort, uint> settings = connection.ClientSettings.SettingsValues();
        // RFC 9113 6.5.2: SETTINGS_ENABLE_PUSH 0 means "do not push"; the default is 1, so it must be sent.
        Assert.Equal(0u, settings[SettingsEnablePush]);
        Assert.Equal(256u * 1024, settings[SettingsInitialWindowSize]);
        Assert.Equal(32u * 1024, settings[SettingsMaxHeaderListSize]);

        await connection.HandshakeAsync();
        Frame headers = await connection.ExpectHeadersAsync();
        Assert.True(headers.Has(Frame.EndStream) && headers.Has(Frame.EndHeaders));
        await connection.SendStatusAsync(headers.StreamId, 200, endStream: false);
        await connection.SendDataAsync(headers.StreamId, "raw"u8.ToArray(), endStream: true);
        Assert.Equal("raw", await call);
    }

    [Fact]
    public async Task Cancelling_a_request_sends_RST_STREAM_CANCEL_for_its_stream()
    {
        using HttpClient client = Client();
        using var cts = new CancellationTokenSource();
        Task<HttpResponseMessage> call = client.GetAsync(_server.Uri("/never"), cts.Token);
        using RawH2Server.Connection connection = await _server.AcceptAsync();
        await connection.HandshakeAsync();
        Frame headers = await connection.ExpectHeadersAsync();

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Frame reset = await connection.ExpectAsync(f => f.Type == Frame.RstStream, "RST_STREAM");
        Assert.Equal(headers.StreamId, reset.StreamId);
        Assert.Equal(Cancel, reset.Code);
    }

    [Fact]
    public async Task Cancelling_while_reading_the_body_sends_RST_STREAM_CANCEL()
    {
        using HttpClient client = Client();
        using var cts = new CancellationTokenSource();
        Task<HttpResponseMessage> call = client.GetAsync(_server.Uri("/half"), HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using RawH2Server.Connection connection = await _server.AcceptAsync();
        await connection.HandshakeAsync();
        Frame headers = await connection.ExpectHeadersAsync();
        await connection.SendStatusAsync(headers.StreamId, 200, endStream: false);
        await connection.SendDataAsync(headers.StreamId, "first part"u8.ToArray(), endStream: false);
        using HttpResponseMessage response = await call;
        await using Stream body = await response.Content.ReadAsStreamAsync(cts.Token);
        byte[] buffer = new byte[64];
        Assert.Equal(10, await body.ReadAsync(buffer, cts.Token));

        Task<int> read = body.ReadAsync(buffer, cts.Token).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        Frame reset = await connection.ExpectAsync(f => f.Type == Frame.RstStream, "RST_STREAM");
        Assert.Equal(headers.StreamId, reset.StreamId);
        Assert.Equal(Cancel, reset.Code);
    }

    [Fact]
    public async Task HttpClient_Timeout_throws_TaskCanceledException_with_TimeoutException_and_resets_the_stream()
    {
        using HttpClient client = Client(timeout: TimeSpan.FromMilliseconds(300));
        Task<HttpResponseMessage> call = client.GetAsync(_server.Uri("/never"));
        using RawH2Server.Connection connection = await _server.AcceptAsync();
        await connection.HandshakeAsync();
        Frame headers = await connection.ExpectHeadersAsync();

        TaskCanceledException e = await Assert.ThrowsAsync<TaskCanceledException>(() => call);
        Assert.IsType<TimeoutException>(e.InnerException);
        Frame reset = await connection.ExpectAsync(f => f.Type == Frame.RstStream, "RST_STREAM");
        Assert.Equal((headers.StreamId, Cancel), (reset.StreamId, reset.Code));
    }

    [Fact]
    public async Task Goaway_retries_streams_above_the_last_id_and_fails_the_processed_ones_that_never_ended()
    {
        using HttpClient client = Client();
        // Three requests, sent one after the other so that they take streams 1, 3 and 5.
        Task<HttpResponseMessage> first = client.GetAsync(_server.Uri("/1"));
        using RawH2Server.Connection connection = await _server.AcceptAsync();
        await connection.HandshakeAsync();
        Assert.Equal(1, (await connection.ExpectHeadersAsync()).StreamId);
        Task<string> second = client.GetStringAsync(_server.Uri("/3"));
        Assert.Equal(3, (await connection.ExpectHeadersAsync()).StreamId);
        Task<string> third = client.GetStringAsync(_server.Uri("/5"));
        Assert.Equal(5, (await connection.ExpectHeadersAsync()).StreamId);

        // RFC 9113 6.8: streams up to the last stream id may have been processed; those above were not.
        await connection.SendGoAwayAsync(lastStreamId: 3, NoError);
        await connection.SendStatusAsync(3, 200, endStream: false);
        await connection.SendDataAsync(3, "three"u8.ToArray(), endStream: true);
        Assert.Equal("three", await second);

        // Stream 5 comes again on a new connection, as stream 1 there.
        using RawH2Server.Connection retry = await _server.AcceptAsync();
        await retry.HandshakeAsync();
        Frame retried = await retry.ExpectHeadersAsync();
        Assert.Equal(1, retried.StreamId);
        await retry.SendStatusAsync(1, 200, endStream: false);
        await retry.SendDataAsync(1, "five, retried"u8.ToArray(), endStream: true);
        Assert.Equal("five, retried", await third);

        // Stream 1 was processed (at or below the last id) but the server closes without answering it: it fails.
        connection.Dispose();
        HttpRequestException e = await Assert.ThrowsAsync<HttpRequestException>(() => first);
        Assert.Equal(HttpRequestError.ResponseEnded, e.HttpRequestError);
    }

    [Fact]
    public async Task Goaway_with_an_error_code_fails_the_processed_stream_naming_the_code()
    {
        using HttpClient client = Client();
        Task<HttpResponseMessage> call = client.GetAsync(_server.Uri("/"));
        using RawH2Server.Connection connection = await _server.AcceptAsync();
        await connection.HandshakeAsync();
        Frame headers = await connection.ExpectHeadersAsync();
        await connection.SendGoAwayAsync(lastStreamId: headers.StreamId, 0xb); // ENHANCE_YOUR_CALM
        connection.Dispose();
        HttpRequestException e = await Assert.ThrowsAsync<HttpRequestException>(() => call);
        Assert.Equal(HttpRequestError.HttpProtocolError, e.HttpRequestError);
        Assert.Contains("GOAWAY ENHANCE_YOUR_CALM (0xb)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unanswered_keep_alive_PING_closes_the_connection_and_fails_its_requests()
    {
        var handler = new H2SharpHandler { KeepAlivePingDelay = TimeSpan.FromMilliseconds(200), KeepAlivePingTimeout = TimeSpan.FromMilliseconds(500) };
        using HttpClient client = Client(handler);
        Task<HttpResponseMessage> call = client.GetAsync(_server.Uri("/never"));
        using RawH2Server.Connection connection = await _server.AcceptAsync();
        await connection.HandshakeAsync();
        await connection.ExpectHeadersAsync();
        Frame ping = await connection.ExpectAsync(f => f.Type == Frame.Ping, "PING");
        Assert.False(ping.Has(Frame.Ack));
        Assert.Equal(8, ping.Payload.Length);

        // No PING ACK: after KeepAlivePingTimeout the handler gives up on the connection.
        HttpRequestException e = await Assert.ThrowsAsync<HttpRequestException>(() => call).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("KeepAlivePingTimeout", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answered_keep_alive_PING_keeps_the_connection()
    {
        var handler = new H2SharpHandler { KeepAlivePingDelay = TimeSpan.FromMilliseconds(200), KeepAlivePingTimeout = TimeSpan.FromMilliseconds(500) };
        using HttpClient client = Client(handler);
        Task<string> call = client.GetStringAsync(_server.Uri("/late"));
        using RawH2Server.Connection connection = await _server.AcceptAsync();
        await connection.HandshakeAsync();
        Frame headers = await connection.ExpectHeadersAsync();
        for (int i = 0; i < 2; i++)
        {
            Frame ping = await connection.ExpectAsync(f => f.Type == Frame.Ping && !f.Has(Frame.Ack), "PING");
            await connection.WriteFrameAsync(Frame.Ping, Frame.Ack, 0, ping.Payload);
        }

        await connection.SendStatusAsync(headers.StreamId, 200, endStream: false);
        await connection.SendDataAsync(headers.StreamId, "still here"u8.ToArray(), endStream: true);
        Assert.Equal("still here", await call);
    }

    [Fact]
    public async Task Stream_window_credit_goes_back_only_as_the_caller_reads()
    {
        const int window = 65_535;
        using HttpClient client = Client(new H2SharpHandler { InitialHttp2StreamWindowSize = window });
        Task<HttpResponseMessage> call = client.GetAsync(_server.Uri("/big"), HttpCompletionOption.ResponseHeadersRead);
        using RawH2Server.Connection connection = await _server.AcceptAsync();
        await connection.HandshakeAsync();
        Frame headers = await connection.ExpectHeadersAsync();
        int id = headers.StreamId;
        await connection.SendStatusAsync(id, 200, endStream: false);
        byte[] pattern = Loopback.Pattern(window);
        for (int sent = 0; sent < window; sent += 16_384)
        {
            await connection.SendDataAsync(id, pattern.AsMemory(sent, Math.Min(16_384, window - sent)), endStream: false);
        }

        using HttpResponseMessage response = await call;
        // The whole stream window is spent and nobody reads: the handler must not open it again.
        List<Frame> idle = await connection.CollectAsync(TimeSpan.FromMilliseconds(500));
        Assert.DoesNotContain(idle, f => f.Type == Frame.WindowUpdate && f.StreamId == id);

        await using Stream body = await response.Content.ReadAsStreamAsync();
        byte[] read = new byte[window];
        await body.ReadExactlyAsync(read);
        Assert.Equal(pattern, read);
        Frame update = await connection.ExpectAsync(f => f.Type == Frame.WindowUpdate && f.StreamId == id, "stream WINDOW_UPDATE");
        Assert.InRange(update.Code, 1u, (uint)window);
        await connection.SendDataAsync(id, "end"u8.ToArray(), endStream: true);
        byte[] rest = new byte[8];
        Assert.Equal(3, await body.ReadAsync(rest));
    }

    [Fact]
    public async Task Expect_100_continue_holds_the_body_until_the_interim_response()
    {
        using HttpClient client = Client(new H2SharpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(20) });
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.Uri("/upload")) { Version = HttpVersion.Version20, Content = new ByteArrayContent("the body"u8.ToArray()) };
        request.Headers.ExpectContinue = true;
        Task<HttpResponseMessage> call = client.SendAsync(request);
        using RawH2Server.Connection connection = await _server.AcceptAsync();
        await connection.HandshakeAsync();
        Frame headers = await connection.ExpectHeadersAsync();
        Assert.False(headers.Has(Frame.EndStream));
        List<Frame> before = await connection.CollectAsync(TimeSpan.FromMilliseconds(400));
        Assert.DoesNotContain(before, f => f.Type == Frame.Data);

        await connection.SendStatusAsync(headers.StreamId, 100, endStream: false);
        Frame data = await connection.ExpectAsync(f => f.Type == Frame.Data && f.Payload.Length > 0, "DATA");
        Assert.Equal("the body"u8.ToArray(), data.Payload);
        if (!data.Has(Frame.EndStream))
        {
            await connection.ExpectAsync(f => f.Type == Frame.Data && f.Has(Frame.EndStream), "END_STREAM");
        }

        await connection.SendStatusAsync(headers.StreamId, 200, endStream: true);
        using HttpResponseMessage response = await call;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Expect_100_continue_answered_by_a_final_status_never_sends_the_body()
    {
        using HttpClient client = Client(new H2SharpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(20) });
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.Uri("/upload")) { Version = HttpVersion.Version20, Content = new ByteArrayContent("unwanted"u8.ToArray()) };
        request.Headers.ExpectContinue = true;
        Task<HttpResponseMessage> call = client.SendAsync(request);
        using RawH2Server.Connection connection = await _server.AcceptAsync();
        await connection.HandshakeAsync();
        Frame headers = await connection.ExpectHeadersAsync();
        await connection.SendStatusAsync(headers.StreamId, 417, endStream: true);
        using HttpResponseMessage response = await call;
        Assert.Equal(HttpStatusCode.ExpectationFailed, response.StatusCode);
        List<Frame> after = await connection.CollectAsync(TimeSpan.FromMilliseconds(400));
        Assert.DoesNotContain(after, f => f.Type == Frame.Data && f.Payload.Length > 0);
    }

    [Fact]
    public async Task Requests_past_the_server_MAX_CONCURRENT_STREAMS_wait_for_a_stream_on_the_same_connection()
    {
        using HttpClient client = Client();
        Task<string> first = client.GetStringAsync(_server.Uri("/a"));
        using RawH2Server.Connection connection = await _server.AcceptAsync();
        await connection.HandshakeAsync((SettingsMaxConcurrentStreams, 1));
        Frame one = await connection.ExpectHeadersAsync();
        await connection.ExpectAsync(f => f.Type == Frame.Settings && f.Has(Frame.Ack), "SETTINGS ACK");
        Task<string> second = client.GetStringAsync(_server.Uri("/b"));
        List<Frame> meanwhile = await connection.CollectAsync(TimeSpan.FromMilliseconds(400));
        Assert.DoesNotContain(meanwhile, f => f.Type == Frame.Headers);

        await connection.SendStatusAsync(one.StreamId, 200, endStream: false);
        await connection.SendDataAsync(one.StreamId, "a"u8.ToArray(), endStream: true);
        Assert.Equal("a", await first);
        Frame two = await connection.ExpectHeadersAsync();
        Assert.Equal(one.StreamId + 2, two.StreamId);
        await connection.SendStatusAsync(two.StreamId, 200, endStream: false);
        await connection.SendDataAsync(two.StreamId, "b"u8.ToArray(), endStream: true);
        Assert.Equal("b", await second);
    }

    [Fact]
    public async Task UseH2cUpgrade_against_a_server_that_answers_200_fails_with_VersionNegotiationError()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using HttpClient client = Client(new H2SharpHandler { UseH2cUpgrade = true });
        Task<string> call = client.GetStringAsync($"http://127.0.0.1:{port}/");
        using var accept = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using System.Net.Sockets.Socket socket = await listener.AcceptSocketAsync(accept.Token);
        byte[] buffer = new byte[4096];
        int n = await socket.ReceiveAsync(buffer, accept.Token);
        Assert.StartsWith("OPTIONS / HTTP/1.1\r\n", System.Text.Encoding.ASCII.GetString(buffer, 0, n), StringComparison.Ordinal);
        await socket.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), accept.Token);
        HttpRequestException e = await Assert.ThrowsAsync<HttpRequestException>(() => call);
        Assert.Equal(HttpRequestError.VersionNegotiationError, e.HttpRequestError);
        Assert.Contains("HTTP/1.1 200 OK", e.Message, StringComparison.Ordinal);
    }

    /// <summary>PUSH_PROMISE payload: the promised stream id, then an HPACK block (GET, http, :path given, :authority literal).</summary>
    private byte[] PushPromise(int promisedStreamId, string path)
    {
        string authority = $"127.0.0.1:{_server.Port}";
        var block = new List<byte> { 0x82, 0x86, 0x04, (byte)path.Length }; // :method GET, :scheme http, :path literal (name index 4)
        block.AddRange(System.Text.Encoding.ASCII.GetBytes(path));
        block.Add(0x01); // :authority literal, name index 1
        block.Add((byte)authority.Length);
        block.AddRange(System.Text.Encoding.ASCII.GetBytes(authority));
        byte[] payload = new byte[4 + block.Count];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(payload, promisedStreamId);
        block.CopyTo(payload, 4);
        return payload;
    }

    [Fact]
    public async Task With_EnableServerPush_a_promise_is_surfaced_with_its_request_and_response()
    {
        var pushed = new TaskCompletionSource<H2SharpPushedResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        using HttpClient client = Client(new H2SharpHandler { EnableServerPush = true, ServerPushReceived = p => pushed.TrySetResult(p) });
        Task<string> call = client.GetStringAsync(_server.Uri("/page"));
        using RawH2Server.Connection connection = await _server.AcceptAsync();
        Assert.Equal(1u, connection.ClientSettings.SettingsValues()[SettingsEnablePush]);
        await connection.HandshakeAsync();
        Frame headers = await connection.ExpectHeadersAsync();
        await connection.WriteFrameAsync(Frame.PushPromise, Frame.EndHeaders, headers.StreamId, PushPromise(2, "/style.css"));
        await connection.SendStatusAsync(headers.StreamId, 200, endStream: false);
        await connection.SendDataAsync(headers.StreamId, "page"u8.ToArray(), endStream: true);
        await connection.SendStatusAsync(2, 200, endStream: false);
        await connection.SendDataAsync(2, "pushed css"u8.ToArray(), endStream: true);

        Assert.Equal("page", await call);
        H2SharpPushedResponse push = await pushed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpMethod.Get, push.Request.Method);
        Assert.Equal(_server.Uri("/style.css"), push.Request.RequestUri);
        using HttpResponseMessage response = await push.Response.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("pushed css", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_EnableServerPush_and_no_callback_a_promise_is_reset_with_CANCEL()
    {
        using HttpClient client = Client(new H2SharpHandler { EnableServerPush = true });
        Task<string> call = client.GetStringAsync(_server.Uri("/page"));
        using RawH2Server.Connection connection = await _server.AcceptAsync();
        await connection.HandshakeAsync();
        Frame headers = await connection.ExpectHeadersAsync();
        await connection.WriteFrameAsync(Frame.PushPromise, Frame.EndHeaders, headers.StreamId, PushPromise(2, "/x"));
        Frame reset = await connection.ExpectAsync(f => f.Type == Frame.RstStream, "RST_STREAM");
        Assert.Equal((2, Cancel), (reset.StreamId, reset.Code));
        await connection.SendStatusAsync(headers.StreamId, 200, endStream: false);
        await connection.SendDataAsync(headers.StreamId, "page"u8.ToArray(), endStream: true);
        Assert.Equal("page", await call);
    }

    [Fact]
    public async Task A_push_after_SETTINGS_ENABLE_PUSH_0_is_a_connection_PROTOCOL_ERROR()
    {
        using HttpClient client = Client();
        Task<string> call = client.GetStringAsync(_server.Uri("/page"));
        using RawH2Server.Connection connection = await _server.AcceptAsync();
        await connection.HandshakeAsync();
        Frame headers = await connection.ExpectHeadersAsync();
        await connection.ExpectAsync(f => f.Type == Frame.Settings && f.Has(Frame.Ack), "SETTINGS ACK");
        // RFC 9113 8.4: a client that disabled push "MUST treat the receipt of a PUSH_PROMISE frame as a connection error of type PROTOCOL_ERROR".
        await connection.WriteFrameAsync(Frame.PushPromise, Frame.EndHeaders, headers.StreamId, PushPromise(2, "/x"));
        Frame goAway = await connection.ExpectAsync(f => f.Type == Frame.GoAway, "GOAWAY");
        Assert.Equal(0x1u, goAway.Code);
        HttpRequestException e = await Assert.ThrowsAsync<HttpRequestException>(() => call);
        Assert.Equal(HttpRequestError.HttpProtocolError, e.HttpRequestError);
        Assert.Contains("PROTOCOL_ERROR (0x1)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DATA_on_stream_0_is_answered_with_GOAWAY_PROTOCOL_ERROR_and_fails_the_request()
    {
        using HttpClient client = Client();
        Task<string> call = client.GetStringAsync(_server.Uri("/"));
        using RawH2Server.Connection connection = await _server.AcceptAsync();
        await connection.HandshakeAsync();
        await connection.ExpectHeadersAsync();
        await connection.SendDataAsync(0, "bad"u8.ToArray(), endStream: false);
        Frame goAway = await connection.ExpectAsync(f => f.Type == Frame.GoAway, "GOAWAY");
        Assert.Equal(0x1u, goAway.Code);
        HttpRequestException e = await Assert.ThrowsAsync<HttpRequestException>(() => call);
        Assert.Equal(HttpRequestError.HttpProtocolError, e.HttpRequestError);
        Assert.Contains("GOAWAY PROTOCOL_ERROR (0x1)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task REFUSED_STREAM_before_any_response_is_retried_on_a_new_stream()
    {
        using HttpClient client = Client();
        Task<string> call = client.GetStringAsync(_server.Uri("/"));
        using RawH2Server.Connection connection = await _server.AcceptAsync();
        await connection.HandshakeAsync();
        Frame first = await connection.ExpectHeadersAsync();
        // RFC 9113 8.7: REFUSED_STREAM means the request was not processed: safe to retry.
        byte[] code = [0, 0, 0, 0x7];
        await connection.WriteFrameAsync(Frame.RstStream, 0, first.StreamId, code);
        Frame again = await connection.ExpectHeadersAsync();
        Assert.Equal(first.StreamId + 2, again.StreamId);
        await connection.SendStatusAsync(again.StreamId, 200, endStream: false);
        await connection.SendDataAsync(again.StreamId, "second try"u8.ToArray(), endStream: true);
        Assert.Equal("second try", await call);
    }

    [Fact]
    public async Task KeepAlivePingPolicy_WithActiveRequests_sends_no_PING_on_an_idle_connection()
    {
        var handler = new H2SharpHandler
        {
            KeepAlivePingDelay = TimeSpan.FromMilliseconds(200),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        };
        using HttpClient client = Client(handler);
        Task<string> call = client.GetStringAsync(_server.Uri("/"));
        using RawH2Server.Connection connection = await _server.AcceptAsync();
        await connection.HandshakeAsync();
        Frame headers = await connection.ExpectHeadersAsync();
        // While the request is active, PINGs come (answered, so the connection lives on).
        Frame ping = await connection.ExpectAsync(f => f.Type == Frame.Ping && !f.Has(Frame.Ack), "PING");
        await connection.WriteFrameAsync(Frame.Ping, Frame.Ack, 0, ping.Payload);
        await connection.SendStatusAsync(headers.StreamId, 200, endStream: false);
        await connection.SendDataAsync(headers.StreamId, "done"u8.ToArray(), endStream: true);
        Assert.Equal("done", await call);
        // Idle now: no more PINGs (the timer ticks twice a second, the delay is 200 ms).
        List<Frame> idle = await connection.CollectAsync(TimeSpan.FromMilliseconds(1500));
        Assert.DoesNotContain(idle, f => f.Type == Frame.Ping && !f.Has(Frame.Ack));
    }
}
