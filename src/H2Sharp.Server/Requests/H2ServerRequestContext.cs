using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;

namespace H2Sharp.Server;

/// <summary>
/// One request and its response on one HTTP/2 stream: what an <see cref="IH2Application"/> is
/// given (the counterpart of Kestrel's <c>Http2Stream</c>, over which ASP.NET Core's request,
/// response, body, trailers, reset, lifetime, TLS and extended CONNECT features are thin adapters).
/// </summary>
/// <remarks>
/// Contexts are pooled per connection: one is valid from the call of
/// <see cref="IH2Application.HandleAsync"/> until the task it returns completes, and must not be
/// kept after that. Members may be used from any thread but not from two at once (as with
/// HttpContext). Header fields are bytes as received; the string properties are decoded once.
/// </remarks>
public sealed partial class H2ServerRequestContext
{
    /// <summary>The HTTP/2 stream id of the request.</summary>
    public int StreamId => _streamId;

    /// <summary>The connection the request came on.</summary>
    public H2ConnectionInfo Connection => _connection.Info;

    /// <summary>An id for logs: the connection id and the stream id, as Kestrel's TraceIdentifier (<c>0HN7K2N5J9Q1A:00000001</c>).</summary>
    public string TraceIdentifier => _traceIdentifier ??= string.Create(CultureInfo.InvariantCulture, $"{_connection.Info.ConnectionId}:{_streamId:X8}");

    /// <summary>The <c>:method</c> pseudo-header, e.g. GET.</summary>
    public string Method => _methodString ??= KnownValues.Method(_method.Span);

    /// <summary>The <c>:scheme</c> pseudo-header ("https" or "http"); empty for CONNECT.</summary>
    public string Scheme => _schemeString ??= Decode(_scheme);

    /// <summary>The <c>:authority</c> pseudo-header (or the <c>host</c> field when it is absent); may be empty.</summary>
    public string Authority => _authorityString ??= Decode(_authority);

    /// <summary>The <c>:path</c> pseudo-header as sent: the path and the query (e.g. <c>/a/b?c=d</c>); empty for plain CONNECT.</summary>
    public string Path => _pathString ??= Decode(_path);

    /// <summary>The <c>:method</c> pseudo-header as received, without decoding (for routing without a string).</summary>
    public ReadOnlyMemory<byte> MethodBytes => _method;

    /// <summary>The <c>:path</c> pseudo-header as received, without decoding (for routing without a string).</summary>
    public ReadOnlyMemory<byte> PathBytes => _path;

    /// <summary>The <c>:authority</c> pseudo-header (or the <c>host</c> field when it is absent) as received, without decoding (for hosts that cache the string).</summary>
    public ReadOnlyMemory<byte> AuthorityBytes => _authority;

    /// <summary>
    /// The <c>:protocol</c> pseudo-header of an extended CONNECT request (RFC 8441, e.g.
    /// "websocket"), or null. Only possible when <see cref="H2ServerOptions.EnableConnectProtocol"/>
    /// is set. Accept it with status 200 and <see cref="StartAsync"/>; then the request body and
    /// the response body are the tunnel's two directions.
    /// </summary>
    public string? Protocol => _hasProtocol ? _protocolString ??= Decode(_protocol) : null;

    /// <summary>Whether this is an extended CONNECT request (<see cref="Protocol"/> is set).</summary>
    public bool IsExtendedConnect => Protocol is not null;

    /// <summary>The request's regular header fields in the order received (no pseudo-headers), as bytes.</summary>
    public IReadOnlyList<HeaderField> RequestHeaders => _requestHeaders;

    /// <summary>The value of the first request header field named <paramref name="name"/> (lowercase, as HTTP/2 sends names), or null.</summary>
    /// <param name="name">The field name, lowercase.</param>
    /// <returns>The value decoded as UTF-8, or null.</returns>
    public string? GetRequestHeader(string name) => FindHeader(_requestHeaders, name);

    /// <summary>The <c>content-length</c> of the request, or null when it sent none.</summary>
    public long? RequestContentLength => _contentLength;

    /// <summary>
    /// Whether the request may have a body: false when its HEADERS ended the stream (ASP.NET
    /// Core's IHttpRequestBodyDetectionFeature.CanHaveBody).
    /// </summary>
    public bool CanHaveBody => _canHaveBody;

    /// <summary>
    /// The request body. Flow-control credit goes back to the client as the app consumes it
    /// (AdvanceTo), so an app that does not read makes the client wait, never the server buffer.
    /// Faults with <see cref="H2BadRequestException"/> when the body breaks a limit, and with
    /// <see cref="OperationCanceledException"/> when the stream is reset.
    /// </summary>
    public PipeReader RequestBodyReader => _canHaveBody ? _bodyReader : EmptyBodyReader.Instance;

    /// <summary>The request body as a read-only <see cref="System.IO.Stream"/> over <see cref="RequestBodyReader"/>.</summary>
    public Stream RequestBody => _requestBodyStream ??= RequestBodyReader.AsStream(leaveOpen: true);

    /// <summary>
    /// The largest body this request may have; starts at <see cref="H2ServerLimits.MaxRequestBodySize"/>.
    /// Null for no limit. Can be changed until the app starts reading the body.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set after the body began to be read.</exception>
    public long? MaxRequestBodySize
    {
        get => _maxRequestBodySize;
        set
        {
            if (_bodyReading)
            {
                throw new InvalidOperationException("MaxRequestBodySize cannot change once the request body is being read; set it before the first read.");
            }
            ArgumentOutOfRangeException.ThrowIfNegative(value ?? 0, nameof(value));
            _maxRequestBodySize = value;
        }
    }

    /// <summary>Whether <see cref="MaxRequestBodySize"/> can no longer be changed (the body is being read).</summary>
    public bool IsMaxRequestBodySizeReadOnly => _bodyReading;

    /// <summary>The request trailers (fields after the body), empty until <see cref="RequestTrailersAvailable"/>.</summary>
    public IReadOnlyList<HeaderField> RequestTrailers => Volatile.Read(ref _requestTrailers) ?? (IReadOnlyList<HeaderField>)Array.Empty<HeaderField>();

    /// <summary>Whether the request body has been read to its end, so <see cref="RequestTrailers"/> is final.</summary>
    public bool RequestTrailersAvailable => Volatile.Read(ref _requestBodyDone);

    /// <summary>The response status; default 200. Read-only once the response has started.</summary>
    /// <exception cref="InvalidOperationException">Set after the response started.</exception>
    public int StatusCode
    {
        get => _statusCode;
        set
        {
            if (_hasStarted)
            {
                throw new InvalidOperationException("The status cannot change once the response has started (its headers were sent).");
            }
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 100);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 999);
            _statusCode = value;
        }
    }

    /// <summary>
    /// The response header fields to send (no pseudo-headers; names lowercase). Changes after the
    /// response started are not sent. Build fields once and reuse them: a <see cref="HeaderField"/>
    /// made from bytes costs nothing per response.
    /// </summary>
    public IList<HeaderField> ResponseHeaders => _responseHeaders;

    /// <summary>The response trailers, sent after the body when the response completes (e.g. grpc-status).</summary>
    public IList<HeaderField> ResponseTrailers => _responseTrailers;

    /// <summary>Whether the response headers have been sent (or handed to the connection to send).</summary>
    public bool HasStarted => _hasStarted;

    /// <summary>Registers a callback run just before the response headers are sent (last registered runs first, as in ASP.NET Core).</summary>
    /// <param name="callback">The callback.</param>
    /// <param name="state">Passed to it.</param>
    /// <exception cref="InvalidOperationException">The response already started.</exception>
    public void OnStarting(Func<object?, Task> callback, object? state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (_hasStarted)
        {
            throw new InvalidOperationException("OnStarting was called after the response started; register it before the first write.");
        }
        (_onStarting ??= []).Add((callback, state));
    }

    /// <summary>Registers a callback run after the response completed (or the stream was reset).</summary>
    /// <param name="callback">The callback.</param>
    /// <param name="state">Passed to it.</param>
    public void OnCompleted(Func<object?, Task> callback, object? state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        (_onCompleted ??= []).Add((callback, state));
    }

    /// <summary>Sends the response headers now (running the OnStarting callbacks), without ending the stream.</summary>
    /// <param name="cancellationToken">Cancels waiting for the OnStarting callbacks.</param>
    /// <returns>A task that completes when the headers are handed to the connection.</returns>
    public Task StartAsync(CancellationToken cancellationToken = default) => StartResponseAsync(cancellationToken);

    /// <summary>
    /// The response body. The first write starts the response. Data goes out as the client's
    /// flow-control windows allow; FlushAsync waits while more than
    /// <see cref="H2ServerLimits.MaxResponseBufferSize"/> is held for this stream. A flush result
    /// with IsCanceled/IsCompleted, or an exception, tells that the stream is gone.
    /// </summary>
    public PipeWriter ResponseBodyWriter => _writer;

    /// <summary>The response body as a write-only <see cref="System.IO.Stream"/> over <see cref="ResponseBodyWriter"/>.</summary>
    public Stream ResponseBody => _responseBodyStream ??= _writer.AsStream(leaveOpen: true);

    /// <summary>
    /// Completes the response: headers if not yet sent, the rest of the body, the trailers, and
    /// END_STREAM. Called by the server when <see cref="IH2Application.HandleAsync"/> returns; an
    /// app may call it earlier. Safe to call more than once.
    /// </summary>
    /// <returns>A task that completes when everything is handed to the connection.</returns>
    public ValueTask CompleteAsync() => CompleteResponseAsync();

    /// <summary>
    /// Signalled when the request is aborted: the client reset the stream, the connection closed,
    /// <see cref="Abort"/> was called, or a limit gave the stream up.
    /// </summary>
    public CancellationToken RequestAborted => AbortToken();

    /// <summary>Resets the stream (RST_STREAM with <paramref name="errorCode"/>) and signals <see cref="RequestAborted"/>. Does nothing once the stream is closed.</summary>
    /// <param name="errorCode">The code sent; INTERNAL_ERROR by default (ASP.NET Core's IHttpResetFeature passes its own).</param>
    public void Abort(ErrorCode errorCode = ErrorCode.InternalError) => RequestAbort(errorCode);

    /// <summary>
    /// A slot for the layer above (e.g. the ASP.NET Core adapter's feature collection). It
    /// survives the context's reuse for later requests of the same connection, so such an object
    /// can be made once per pooled context; the server never reads it.
    /// </summary>
    public object? ApplicationState { get; set; }
}
