using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using H2Sharp.Events;
using H2Sharp.Http.Headers;
using H2Sharp.Http.Streams;
using H2Sharp.Http.Threading;

namespace H2Sharp.Http.Connections;

/// <summary>
/// One HTTP/2 connection to a server, driven by one owner loop: only the loop touches the
/// (not thread-safe) <see cref="H2Connection"/>, so there is no lock per frame. Requests, body
/// writes, returned window credit and cancellations reach the loop through a lock-free queue
/// of exchanges and a wake signal; socket reads complete into the same signal. Everything the
/// core produced in one turn goes out in one write.
/// </summary>
internal sealed class Http2Connection : IDisposable
{
    /// <summary>The read buffer: a few full-size DATA frames per read, so large bodies need few turns.</summary>
    private const int ReadBufferSize = 64 * 1024;

    /// <summary>
    /// Until the server's SETTINGS arrive, the number of streams we open (RFC 9113 6.5.2 leaves
    /// SETTINGS_MAX_CONCURRENT_STREAMS unlimited by default, but 100 is what servers announce
    /// and what SocketsHttpHandler assumes).
    /// </summary>
    private const int StreamsBeforeSettings = 100;

    /// <summary>How often the timer checks keep-alive, idle and lifetime limits.</summary>
    private static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(500);

    private const int ReadNone = 0;
    private const int ReadPending = 1;
    private const int ReadDone = 2;

    private readonly ConnectionPool _pool;
    private readonly HandlerSettings _settings;
    private readonly Stream _transport;
    private readonly H2Connection _h2;
    private readonly WakeSignal _wake = new();
    private readonly ConcurrentQueue<Http2Exchange> _inbox = new();
    private readonly Dictionary<int, Http2Exchange> _streams = [];
    private readonly Queue<Http2Exchange> _waiting = new();
    private readonly List<Http2Exchange> _blocked = [];
    private readonly HeaderBuffer _headerBuffer = new();
    private readonly ResponseHeaderReader _headerReader = new();
    private readonly Action _onReadCompleted;
    private readonly int _connectionCreditThreshold;
    private readonly long _createdAt = Environment.TickCount64;
    private byte[] _readBuffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
    private ConfiguredValueTaskAwaitable<int>.ConfiguredValueTaskAwaiter _read;
    private int _readState;
    private int _tick;
    private int _connectionCredit;
    private bool _settingsReceived;
    private bool _draining;
    private bool _closeRequested;
    private volatile bool _unavailable;
    private volatile bool _finished;
    private int _load;
    private long _lastReceivedAt = Environment.TickCount64;
    private long _lastBusyAt = Environment.TickCount64;
    private long _pingSentAt;
    private bool _pingOutstanding;
    private ConnectionTerminated? _goAway;
    private Timer? _timer;
    private bool _upgraded;
    private int _upgradeLeftover;

    public Http2Connection(ConnectionPool pool, Stream transport)
    {
        _pool = pool;
        _settings = pool.Settings;
        _transport = transport;
        _h2 = new H2Connection(CoreConfiguration(_settings));
        _onReadCompleted = OnReadCompleted;
        // Connection credit goes back once a quarter of the window was received: few WINDOW_UPDATEs.
        _connectionCreditThreshold = Math.Max(_settings.InitialConnectionWindowSize / 4, 1);
    }

    /// <summary>Whether the pool may give this connection new requests.</summary>
    public bool IsAvailable => !_unavailable;

    /// <summary>
    /// Whether another request fits under the server's SETTINGS_MAX_CONCURRENT_STREAMS (approximate,
    /// for the pool): requests given to this connection and not yet gone, counted when submitted
    /// so that a burst spreads before the loop has opened its streams.
    /// </summary>
    public bool HasCapacity => Volatile.Read(ref _load) < StreamLimit;

    private int StreamLimit => !_settingsReceived
        ? StreamsBeforeSettings
        : _h2.RemoteSettings.MaxConcurrentStreams is uint max ? (int)Math.Min(max, int.MaxValue) : int.MaxValue;

    /// <summary>
    /// Before <see cref="Start"/>, for <c>http://</c> with UseH2cUpgrade: asks for HTTP/2 with an
    /// HTTP/1.1 <c>OPTIONS / </c> request carrying <c>Upgrade: h2c</c> (RFC 7540 section 3.2;
    /// OPTIONS because it is safe: its answer on stream 1 is read and dropped). Anything but
    /// 101 Switching Protocols fails with <see cref="HttpRequestError.VersionNegotiationError"/>.
    /// </summary>
    public async Task UpgradeAsync(CancellationToken cancellationToken)
    {
        string settings = _h2.InitiateUpgradeConnection()!;
        _upgraded = true;
        string host = System.Text.Encoding.ASCII.GetString(_pool.Authority);
        byte[] head = System.Text.Encoding.ASCII.GetBytes(
            $"OPTIONS / HTTP/1.1\r\nHost: {host}\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: {settings}\r\n\r\n");
        await _transport.WriteAsync(head, cancellationToken).ConfigureAwait(false);
        int filled = 0;
        int end;
        while ((end = _readBuffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (filled == _readBuffer.Length)
            {
                throw new HttpRequestException(HttpRequestError.InvalidResponse, $"The server's answer to Upgrade: h2c has a head over {ReadBufferSize / 1024} KiB.");
            }

            int n = await _transport.ReadAsync(_readBuffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "The server closed the connection instead of answering Upgrade: h2c.");
            }

            filled += n;
        }

        // "HTTP/1.1 101 Switching Protocols": the status is the second token of the first line.
        ReadOnlySpan<byte> statusLine = _readBuffer.AsSpan(0, _readBuffer.AsSpan(0, end + 2).IndexOf("\r\n"u8));
        if (!statusLine.StartsWith("HTTP/1.1 101"u8) && !statusLine.StartsWith("HTTP/1.0 101"u8))
        {
            throw new HttpRequestException(HttpRequestError.VersionNegotiationError,
                $"The server did not accept Upgrade: h2c (it answered \"{System.Text.Encoding.ASCII.GetString(statusLine)}\"), so it does not speak HTTP/2 there. Use prior knowledge (UseH2cUpgrade = false) or SocketsHttpHandler.");
        }

        // What came after the 101 head is already HTTP/2: it goes to the core first.
        _upgradeLeftover = filled - (end + 4);
        _readBuffer.AsSpan(end + 4, _upgradeLeftover).CopyTo(_readBuffer);
    }

    /// <summary>Starts the loop (and the timer for keep-alive, idle and lifetime).</summary>
    public void Start()
    {
        _timer = new Timer(static s => ((Http2Connection)s!).OnTimer(), this, TickPeriod, TickPeriod);
        _ = RunAsync();
    }

    /// <summary>A new request: false if the connection no longer takes requests (the pool picks another).</summary>
    public bool TrySubmit(Http2Exchange exchange)
    {
        if (_unavailable)
        {
            return false;
        }

        exchange.Connection = this;
        exchange.Counted = true;
        Interlocked.Increment(ref _load);
        exchange.Schedule();
        return true;
    }

    /// <summary>Any thread: the exchange has something for the loop.</summary>
    public void Enqueue(Http2Exchange exchange)
    {
        _inbox.Enqueue(exchange);
        _wake.Set();
        if (_finished)
        {
            DrainAfterFinish();
        }
    }

    /// <summary>Closes the connection: GOAWAY, then the loop ends; unfinished requests fail.</summary>
    public void Close()
    {
        _unavailable = true;
        Volatile.Write(ref _closeRequested, true);
        _wake.Set();
    }

    /// <summary>Same as <see cref="Close"/>; the loop releases the socket and the timer when it ends.</summary>
    public void Dispose() => Close();

    private static H2Configuration CoreConfiguration(HandlerSettings settings) => new()
    {
        ClientSide = true,
        // RFC 9113 6.5.2 SETTINGS_ENABLE_PUSH: 0 unless the caller wants pushes.
        EnablePush = settings.EnableServerPush,
        InitialWindowSize = settings.InitialStreamWindowSize,
        InitialConnectionWindowSize = settings.InitialConnectionWindowSize,
        MaxHeaderListSize = settings.MaxHeaderListOctets,
        // The compressed block may be as large as the decoded list (no HPACK gain) and no larger.
        MaxHeaderBlockSize = (int)Math.Max(settings.MaxHeaderListOctets, 16 * 1024u),
    };

    private async Task RunAsync()
    {
        Exception? failure = null;
        try
        {
            if (!_upgraded)
            {
                _h2.InitiateConnection();
            }

            if (_upgradeLeftover > 0 && !Receive(_upgradeLeftover, out failure))
            {
                await FlushAsync().ConfigureAwait(false);
                return;
            }

            StartRead();
            while (true)
            {
                bool worked = false;
                if (Volatile.Read(ref _readState) == ReadDone)
                {
                    worked = true;
                    int n = _read.GetResult();
                    _readState = ReadNone;
                    if (n == 0)
                    {
                        failure = Http2Errors.ConnectionClosed(null);
                        break;
                    }

                    if (!Receive(n, out failure))
                    {
                        await FlushAsync().ConfigureAwait(false);
                        break;
                    }

                    StartRead();
                }

                while (_inbox.TryDequeue(out Http2Exchange? exchange))
                {
                    worked = true;
                    Run(exchange);
                }

                if (Interlocked.Exchange(ref _tick, 0) != 0)
                {
                    failure = OnTick();
                    if (failure is not null)
                    {
                        break;
                    }
                }

                if (Volatile.Read(ref _closeRequested) || (_draining && _streams.Count == 0 && _waiting.Count == 0))
                {
                    _unavailable = true;
                    TryGoAway();
                    await FlushAsync().ConfigureAwait(false);
                    failure ??= new HttpRequestException(HttpRequestError.Unknown, "The HTTP/2 connection was closed by the client (handler disposed, idle or past its lifetime).");
                    break;
                }

                if (_h2.OutboundDataLength > 0)
                {
                    await FlushAsync().ConfigureAwait(false);
                    continue;
                }

                if (!worked)
                {
                    await _wake.WaitAsync().ConfigureAwait(false);
                }
            }
        }
        catch (ProtocolException e)
        {
            failure = Http2Errors.ProtocolViolation(e);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            failure = Http2Errors.ConnectionClosed(e);
        }
        finally
        {
            Shutdown(failure ?? Http2Errors.ConnectionClosed(null));
        }
    }

    private void StartRead()
    {
        ValueTask<int> read = _transport.ReadAsync(_readBuffer);
        _read = read.ConfigureAwait(false).GetAwaiter();
        if (read.IsCompleted)
        {
            _readState = ReadDone;
            return;
        }

        Volatile.Write(ref _readState, ReadPending);
        _read.UnsafeOnCompleted(_onReadCompleted);
    }

    private void OnReadCompleted()
    {
        Volatile.Write(ref _readState, ReadDone);
        _wake.Set();
    }

    private void OnTimer()
    {
        Volatile.Write(ref _tick, 1);
        _wake.Set();
    }

    private async ValueTask FlushAsync()
    {
        while (_h2.OutboundDataLength > 0)
        {
            ReadOnlyMemory<byte> pending = _h2.PendingOutboundData;
            await _transport.WriteAsync(pending).ConfigureAwait(false);
            _h2.AdvanceOutbound(pending.Length);
        }
    }

    private void TryGoAway()
    {
        try
        {
            _h2.CloseConnection();
        }
        catch (InvalidOperationException)
        {
            // Already closed (a GOAWAY went or came): nothing to say.
        }
    }

    /// <summary>Hands received bytes to the core and acts on the events; false after a connection error.</summary>
    private bool Receive(int count, out Exception? failure)
    {
        failure = null;
        _lastReceivedAt = Environment.TickCount64;
        IReadOnlyList<H2Event> events;
        try
        {
            events = _h2.ReceiveData(_readBuffer.AsMemory(0, count));
        }
        catch (ProtocolException e)
        {
            // The core queued GOAWAY with the error; the connection is over.
            failure = IsHeaderLimit(e) ? Http2Errors.HeadersTooLarge(_settings.MaxResponseHeadersLength, e) : Http2Errors.ProtocolViolation(e);
            return false;
        }

        for (int i = 0; i < events.Count; i++)
        {
            switch (events[i])
            {
                case DataReceived data:
                    OnData(data);
                    break;
                case ResponseReceived response:
                    OnResponse(response.StreamId, response.Headers);
                    break;
                case StreamEnded ended:
                    OnRemoteEnd(ended.StreamId);
                    break;
                case TrailersReceived trailers:
                    if (_streams.TryGetValue(trailers.StreamId, out Http2Exchange? withTrailers) && withTrailers.Response is { } r)
                    {
                        _headerReader.AddTrailers(r, trailers.Headers);
                    }

                    break;
                case InformationalResponseReceived informational:
                    if (_streams.TryGetValue(informational.StreamId, out Http2Exchange? waiting) && ResponseHeaderReader.Status(informational.Headers) == 100)
                    {
                        waiting.ContinueReceived?.TrySetResult();
                    }

                    break;
                case StreamReset reset:
                    OnReset(reset);
                    break;
                case WindowUpdated:
                    RetryBlocked();
                    break;
                case RemoteSettingsChanged:
                    _settingsReceived = true;
                    RetryBlocked();
                    StartWaiting();
                    break;
                case ConnectionTerminated goAway:
                    OnGoAway(goAway);
                    break;
                case PingAckReceived:
                    _pingOutstanding = false;
                    break;
                case PushedStreamReceived push:
                    OnPush(push);
                    break;
            }
        }

        return true;
    }

    private static bool IsExtendedConnect(HttpRequestMessage request) =>
        request.Method == HttpMethod.Connect && request.Headers.Protocol is not null;

    /// <summary>
    /// Whether the core refused a header block for its size: a typed exception when one stream's
    /// list is over SETTINGS_MAX_HEADER_LIST_SIZE; for the connection-level refusal (far over the
    /// limit, or past MaxHeaderBlockSize) the core has only DenialOfServiceException, told apart by its text.
    /// </summary>
    private static bool IsHeaderLimit(ProtocolException e) =>
        e is H2Sharp.Hpack.HeaderListTooLargeException ||
        (e is DenialOfServiceException && (e.Message.Contains("MaxHeaderBlockSize", StringComparison.Ordinal) || e.Message.Contains("header list", StringComparison.OrdinalIgnoreCase)));

    /// <summary>A queued exchange: start it, or act on what its other threads asked for.</summary>
    private void Run(Http2Exchange exchange)
    {
        int flags = exchange.TakeFlags();
        if (exchange.StreamId == 0)
        {
            if (exchange.Task.IsCompleted || Http2Exchange.IsAbort(flags))
            {
                exchange.TrySetCanceled(exchange.CancellationToken);
                Leave(exchange);
                exchange.Finish();
                return;
            }

            if (exchange.Waiting)
            {
                return; // already queued for a stream
            }

            if (_unavailable || _draining)
            {
                RetryElsewhere(exchange);
                return;
            }

            // RFC 8441 section 3: extended CONNECT waits for the server's SETTINGS_ENABLE_CONNECT_PROTOCOL.
            if (_streams.Count >= StreamLimit || _waiting.Count > 0 || (!_settingsReceived && IsExtendedConnect(exchange.Request)))
            {
                exchange.Waiting = true;
                _waiting.Enqueue(exchange);
                return;
            }

            Open(exchange);
            return;
        }

        if (exchange.Connection != this || !_streams.TryGetValue(exchange.StreamId, out Http2Exchange? current) || current != exchange)
        {
            return; // the stream is over; late requests have nothing to act on
        }

        if (Http2Exchange.IsAbort(flags))
        {
            Reset(exchange, ErrorCode.Cancel, cancelled: true);
            return;
        }

        int credit = exchange.TakeCredit();
        if (credit > 0 && !exchange.RemoteEnded)
        {
            _h2.IncrementFlowControlWindow(credit, exchange.StreamId);
        }

        if (Http2Exchange.IsWrite(flags))
        {
            exchange.PendingWrite = exchange.PendingWriteFromWriter;
            TrySend(exchange);
        }

        if (Http2Exchange.IsEndBody(flags) && !exchange.LocalEnded && exchange.PendingWrite.IsEmpty)
        {
            _h2.EndStream(exchange.StreamId);
            exchange.LocalEnded = true;
            CloseIfDone(exchange);
        }
    }

    /// <summary>Opens the stream: HEADERS now, the body (if any) from the thread pool.</summary>
    private void Open(Http2Exchange exchange)
    {
        HttpRequestMessage request = exchange.Request;
        int streamId;
        try
        {
            bool extended = RequestHeaderWriter.Write(_headerBuffer, request, _pool.Authority, _pool.Key.Secure);
            if (extended && !_h2.RemoteSettings.EnableConnectProtocol)
            {
                // RFC 8441 section 3: no extended CONNECT until the server sent SETTINGS_ENABLE_CONNECT_PROTOCOL = 1.
                exchange.TrySetException(new HttpRequestException(HttpRequestError.ExtendedConnectNotSupported,
                    "The server did not announce SETTINGS_ENABLE_CONNECT_PROTOCOL, so it does not take extended CONNECT (WebSockets over HTTP/2) requests."));
                Leave(exchange);
                exchange.Finish();
                return;
            }

            streamId = _h2.GetNextAvailableStreamId();
            bool hasBody = request.Content is not null;
            bool endStream = !hasBody && !extended;
            _h2.SendHeaders(streamId, _headerBuffer.Fields, endStream);
            exchange.StreamId = streamId;
            exchange.ExtendedConnect = extended;
            exchange.LocalEnded = endStream;
        }
        catch (NoAvailableStreamIdException)
        {
            _draining = true;
            _unavailable = true;
            RetryElsewhere(exchange);
            return;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            exchange.TrySetException(new HttpRequestException(HttpRequestError.Unknown,
                "The request cannot be sent over HTTP/2: " + e.Message + " Fix the request's headers.", e));
            Leave(exchange);
            exchange.Finish();
            return;
        }
        finally
        {
            _headerBuffer.Clear();
        }

        _streams.Add(streamId, exchange);
        if (request.Content is not null)
        {
            if (request.Headers.ExpectContinue == true)
            {
                exchange.ContinueReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            exchange.BodyStarted = true;
            ThreadPool.UnsafeQueueUserWorkItem(exchange, preferLocal: false);
        }
    }

    private void TrySend(Http2Exchange exchange)
    {
        if (exchange.PendingWrite.IsEmpty)
        {
            return;
        }

        if (exchange.LocalEnded)
        {
            exchange.CompleteWrite(new BodyWriteStoppedException());
            return;
        }

        try
        {
            int sent = _h2.SendAvailableData(exchange.StreamId, exchange.PendingWrite.Span);
            exchange.PendingWrite = exchange.PendingWrite[sent..];
        }
        catch (InvalidOperationException e)
        {
            exchange.LocalEnded = true;
            exchange.CompleteWrite(new BodyWriteStoppedException(e.Message, e));
            return;
        }

        if (exchange.PendingWrite.IsEmpty)
        {
            exchange.CompleteWrite(null);
        }
        else if (!exchange.Blocked)
        {
            exchange.Blocked = true;
            _blocked.Add(exchange);
        }
    }

    /// <summary>The windows grew: writers that waited for them try again.</summary>
    private void RetryBlocked()
    {
        for (int i = _blocked.Count - 1; i >= 0; i--)
        {
            Http2Exchange exchange = _blocked[i];
            TrySend(exchange);
            if (exchange.PendingWrite.IsEmpty)
            {
                exchange.Blocked = false;
                _blocked.RemoveAt(i);
            }
        }
    }

    /// <summary>Streams closed (or the limit rose): requests that waited for a stream start.</summary>
    private void StartWaiting()
    {
        while (_waiting.Count > 0 && _streams.Count < StreamLimit && !_draining)
        {
            if (!_settingsReceived && IsExtendedConnect(_waiting.Peek().Request))
            {
                return;
            }

            Http2Exchange exchange = _waiting.Dequeue();
            exchange.Waiting = false;
            if (exchange.Task.IsCompleted)
            {
                Leave(exchange);
                exchange.Finish();
                continue;
            }

            Open(exchange);
        }
    }

    private void OnResponse(int streamId, IReadOnlyList<HeaderField> headers)
    {
        if (!_streams.TryGetValue(streamId, out Http2Exchange? exchange))
        {
            return;
        }

        int status = ResponseHeaderReader.Status(headers);
        bool duplex = exchange.ExtendedConnect && status is >= 200 and < 300;
        var body = new Http2ResponseStream(exchange, duplex, _settings.InitialStreamWindowSize);
        var content = new Http2ResponseContent(body);
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Version = HttpVersion.Version20,
            RequestMessage = exchange.Request,
            Content = content,
        };
        _headerReader.AddTo(response, content, headers);
        exchange.Response = response;
        exchange.Body = body;
        exchange.ContinueReceived?.TrySetResult();
        if (!exchange.TrySetResult(response))
        {
            // The caller gave up (cancelled) before the headers came.
            response.Dispose();
            Reset(exchange, ErrorCode.Cancel, cancelled: true);
        }
    }

    private void OnData(DataReceived data)
    {
        int flow = data.FlowControlledLength;
        _connectionCredit += flow;
        if (_connectionCredit >= _connectionCreditThreshold)
        {
            // The connection window is refilled as data arrives, so one slow reader does not stall the others.
            _h2.IncrementFlowControlWindow(_connectionCredit);
            _connectionCredit = 0;
        }

        if (!_streams.TryGetValue(data.StreamId, out Http2Exchange? exchange) || exchange.Body is not { } body)
        {
            return;
        }

        int padding = flow - data.Length;
        bool kept = (data.Length == 0) || body.Append(data.Span);
        if (!kept && data.StreamEnded is null)
        {
            // Nobody reads this body any more (disposed): the dispose already asked for RST_STREAM.
            return;
        }

        if (padding > 0 && data.StreamEnded is null)
        {
            // Padding is never read by anyone: its credit goes straight back.
            _h2.IncrementFlowControlWindow(padding, data.StreamId);
        }
    }

    private void OnRemoteEnd(int streamId)
    {
        if (!_streams.TryGetValue(streamId, out Http2Exchange? exchange))
        {
            return;
        }

        exchange.RemoteEnded = true;
        exchange.Body?.Complete(null);
        CloseIfDone(exchange);
    }

    private void OnReset(StreamReset reset)
    {
        if (!_streams.TryGetValue(reset.StreamId, out Http2Exchange? exchange))
        {
            return;
        }

        Remove(exchange);
        if (exchange.Response is null)
        {
            if (reset.RemoteReset && reset.ErrorCode == ErrorCode.RefusedStream && !exchange.BodyStarted)
            {
                // RFC 9113 8.7: REFUSED_STREAM means "no application processing": safe to retry.
                RetryElsewhere(exchange);
                return;
            }

            Exception error = !reset.RemoteReset
                ? (reset.Error is { } e && IsHeaderLimit(e)
                    ? Http2Errors.HeadersTooLarge(_settings.MaxResponseHeadersLength, e)
                    : Http2Errors.StreamProtocolViolation(reset.StreamId, reset.ErrorCode, reset.Error))
                : Http2Errors.StreamReset(reset.StreamId, reset.ErrorCode);
            exchange.TrySetException(error);
        }
        else if (reset.RemoteReset && reset.ErrorCode == ErrorCode.NoError)
        {
            // RFC 9113 8.1: after a complete response, RST_STREAM NO_ERROR only says "stop sending"; the response stands.
            exchange.Body?.Complete(null);
        }
        else
        {
            exchange.Body?.Complete(reset.RemoteReset
                ? Http2Errors.StreamResetInBody(reset.StreamId, reset.ErrorCode)
                : Http2Errors.ForBody(Http2Errors.StreamProtocolViolation(reset.StreamId, reset.ErrorCode, reset.Error)));
        }
    }

    private void OnGoAway(ConnectionTerminated goAway)
    {
        _goAway = goAway;
        _draining = true;
        _unavailable = true;
        _pool.OnUnavailable(this);
        int last = goAway.LastStreamId;
        List<Http2Exchange>? unprocessed = null;
        foreach (KeyValuePair<int, Http2Exchange> entry in _streams)
        {
            if (entry.Key > last)
            {
                (unprocessed ??= []).Add(entry.Value);
            }
        }

        if (unprocessed is not null)
        {
            foreach (Http2Exchange exchange in unprocessed)
            {
                Remove(exchange);
                // RFC 9113 6.8: streams above the last stream id "were not or will not be processed":
                // retried elsewhere, unless the body writer already consumed the content.
                if (exchange.Response is null && !exchange.BodyStarted)
                {
                    RetryElsewhere(exchange);
                }
                else
                {
                    Fail(exchange, Http2Errors.GoAway(exchange.StreamId, goAway.ErrorCode, last));
                }
            }
        }

        while (_waiting.Count > 0)
        {
            Http2Exchange exchange = _waiting.Dequeue();
            exchange.Waiting = false;
            RetryElsewhere(exchange);
        }
    }

    private void OnPush(PushedStreamReceived push)
    {
        if (_settings.ServerPushReceived is not { } callback)
        {
            _h2.ResetStream(push.PushedStreamId, ErrorCode.Cancel);
            return;
        }

        string method = "GET", path = "/", authority = _pool.Key.Host;
        foreach (HeaderField field in push.Headers)
        {
            switch (field.NameString)
            {
                case ":method": method = field.ValueString; break;
                case ":path": path = field.ValueString; break;
                case ":authority": authority = field.ValueString; break;
            }
        }

        var request = new HttpRequestMessage(new HttpMethod(method), new Uri((_pool.Key.Secure ? "https://" : "http://") + authority + path))
        {
            Version = HttpVersion.Version20,
        };
        var exchange = new Http2Exchange(_pool, request, CancellationToken.None)
        {
            Connection = this,
            StreamId = push.PushedStreamId,
            LocalEnded = true,
        };
        _streams.Add(push.PushedStreamId, exchange);
        callback(new H2SharpPushedResponse(request, exchange.Task));
    }

    /// <summary>The caller cancelled or disposed early: RST_STREAM CANCEL, and the waiting side fails.</summary>
    private void Reset(Http2Exchange exchange, ErrorCode code, bool cancelled)
    {
        try
        {
            _h2.ResetStream(exchange.StreamId, code);
        }
        catch (InvalidOperationException)
        {
            // Closed meanwhile: nothing to reset.
        }

        Remove(exchange);
        Exception error = cancelled
            ? new TaskCanceledException("The request was cancelled; its HTTP/2 stream was reset with CANCEL.", null, exchange.CancellationToken)
            : new HttpRequestException(HttpRequestError.Unknown, "The HTTP/2 stream was reset.");
        if (!exchange.TrySetException(error))
        {
            exchange.Body?.Complete(cancelled ? new OperationCanceledException("The request was cancelled; its HTTP/2 stream was reset with CANCEL.", exchange.CancellationToken) : error);
        }
    }

    private void CloseIfDone(Http2Exchange exchange)
    {
        if (exchange.LocalEnded && exchange.RemoteEnded)
        {
            Remove(exchange);
        }
    }

    private void Remove(Http2Exchange exchange)
    {
        exchange.LocalEnded = exchange.RemoteEnded = true;
        if (!exchange.PendingWrite.IsEmpty || exchange.Blocked)
        {
            exchange.Blocked = false;
            _blocked.Remove(exchange);
            exchange.CompleteWrite(new BodyWriteStoppedException());
        }

        if (_streams.Remove(exchange.StreamId))
        {
            Leave(exchange);
            _lastBusyAt = Environment.TickCount64;
            exchange.Finish();
            StartWaiting();
        }
    }

    /// <summary>The exchange no longer counts against this connection's load.</summary>
    private void Leave(Http2Exchange exchange)
    {
        if (exchange.Counted)
        {
            exchange.Counted = false;
            Interlocked.Decrement(ref _load);
        }
    }

    /// <summary>The exchange moves to another connection of the pool.</summary>
    private void RetryElsewhere(Http2Exchange exchange)
    {
        Leave(exchange);
        exchange.ResetForRetry();
        _pool.Retry(exchange);
    }

    private void Fail(Http2Exchange exchange, HttpRequestException error)
    {
        Leave(exchange);
        if (!exchange.TrySetException(error))
        {
            exchange.Body?.Complete(Http2Errors.ForBody(error));
        }

        exchange.Finish();
    }

    /// <summary>Keep-alive PING, idle timeout, lifetime. Returns the failure that ends the connection, if any.</summary>
    private HttpRequestException? OnTick()
    {
        long now = Environment.TickCount64;
        if (_streams.Count > 0 || _waiting.Count > 0)
        {
            _lastBusyAt = now;
        }

        if (_settings.PooledConnectionLifetime != Timeout.InfiniteTimeSpan && now - _createdAt > (long)_settings.PooledConnectionLifetime.TotalMilliseconds)
        {
            // Past its lifetime: no new requests; it closes when the last one ends.
            _draining = true;
            _unavailable = true;
            _pool.OnUnavailable(this);
        }

        if (_settings.PooledConnectionIdleTimeout != Timeout.InfiniteTimeSpan && _streams.Count == 0 && _waiting.Count == 0 &&
            now - _lastBusyAt > (long)_settings.PooledConnectionIdleTimeout.TotalMilliseconds)
        {
            _draining = true;
            _unavailable = true;
            _pool.OnUnavailable(this);
        }

        if (_settings.KeepAlivePingDelay != Timeout.InfiniteTimeSpan &&
            (_settings.KeepAlivePingPolicy == HttpKeepAlivePingPolicy.Always || _streams.Count > 0))
        {
            if (_pingOutstanding)
            {
                if (now - _pingSentAt > (long)_settings.KeepAlivePingTimeout.TotalMilliseconds)
                {
                    _unavailable = true;
                    return Http2Errors.KeepAliveTimeout(_settings.KeepAlivePingTimeout);
                }
            }
            else if (now - _lastReceivedAt > (long)_settings.KeepAlivePingDelay.TotalMilliseconds)
            {
                _h2.Ping((ulong)now);
                _pingOutstanding = true;
                _pingSentAt = now;
            }
        }

        return null;
    }

    /// <summary>The loop ended: every unfinished request fails, the unstarted ones go to another connection.</summary>
    private void Shutdown(Exception failure)
    {
        _unavailable = true;
        _pool.OnClosed(this);
        _timer?.Dispose();
        HttpRequestException error = failure as HttpRequestException ?? Http2Errors.ConnectionClosed(failure);
        foreach (Http2Exchange exchange in new List<Http2Exchange>(_streams.Values))
        {
            if (_goAway is { } goAway && goAway.ErrorCode != ErrorCode.NoError && error.HttpRequestError == HttpRequestError.ResponseEnded)
            {
                // The server said why it closed: name its GOAWAY code rather than a bare end of stream.
                error = Http2Errors.GoAway(exchange.StreamId, goAway.ErrorCode, goAway.LastStreamId);
            }

            if (!exchange.PendingWrite.IsEmpty || exchange.Blocked)
            {
                exchange.CompleteWrite(new BodyWriteStoppedException());
            }

            Fail(exchange, error);
        }

        _streams.Clear();
        _blocked.Clear();
        while (_waiting.Count > 0)
        {
            Http2Exchange exchange = _waiting.Dequeue();
            exchange.Waiting = false;
            RetryElsewhere(exchange);
        }

        _finished = true;
        DrainAfterFinish();
        try
        {
            _transport.Dispose();
        }
        catch (IOException)
        {
            // The peer is gone already.
        }

        if (Volatile.Read(ref _readState) != ReadPending)
        {
            ArrayPool<byte>.Shared.Return(_readBuffer);
            _readBuffer = [];
        }
    }

    /// <summary>After the loop ended: requests that reached the inbox late go to another connection.</summary>
    private void DrainAfterFinish()
    {
        while (_inbox.TryDequeue(out Http2Exchange? exchange))
        {
            exchange.TakeFlags();
            if (exchange.StreamId == 0 && !exchange.Task.IsCompleted)
            {
                RetryElsewhere(exchange);
            }
        }
    }
}
