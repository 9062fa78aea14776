using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using H2Sharp.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace H2Sharp.AspNetCore;

/// <content>The request: method, target, headers, body, trailers and body-size limit.</content>
internal sealed partial class StreamFeatures<TContext>
{
    private const string Http2Protocol = "HTTP/2";

    private readonly HeaderDictionary _requestHeaders = new();
    private readonly RequestStringCache _requestNames = new();
    private readonly RequestStringCache _requestValues = new();
    private readonly RequestStringCache _requestPaths = new();
    private HeaderDictionary? _requestTrailers;
    private bool _requestTrailersFilled;
    private Stream? _requestBodyOverride;
    private IHeaderDictionary? _requestHeadersOverride;

    /// <inheritdoc />
    public string Protocol { get; set; } = Http2Protocol;

    /// <inheritdoc />
    public string Scheme { get; set; } = "http";

    /// <inheritdoc />
    public string Method { get; set; } = "GET";

    /// <inheritdoc />
    public string PathBase { get; set; } = string.Empty;

    /// <inheritdoc />
    public string Path { get; set; } = "/";

    /// <inheritdoc />
    public string QueryString { get; set; } = string.Empty;

    /// <inheritdoc />
    public string RawTarget { get; set; } = "/";

    /// <inheritdoc />
    IHeaderDictionary IHttpRequestFeature.Headers
    {
        get => _requestHeadersOverride ?? _requestHeaders;
        set => _requestHeadersOverride = value;
    }

    /// <inheritdoc />
    Stream IHttpRequestFeature.Body
    {
        get => _requestBodyOverride ?? Context.RequestBody;
        set => _requestBodyOverride = value;
    }

    /// <inheritdoc />
    PipeReader IRequestBodyPipeFeature.Reader => Context.RequestBodyReader;

    /// <inheritdoc />
    public bool CanHaveBody => Context.CanHaveBody;

    /// <inheritdoc />
    bool IHttpMaxRequestBodySizeFeature.IsReadOnly => Context.IsMaxRequestBodySizeReadOnly;

    /// <inheritdoc />
    public long? MaxRequestBodySize
    {
        get => Context.MaxRequestBodySize;
        set => Context.MaxRequestBodySize = value;
    }

    /// <inheritdoc />
    public bool AllowSynchronousIO { get; set; }

    /// <inheritdoc />
    bool IHttpRequestTrailersFeature.Available => Context.RequestTrailersAvailable;

    /// <inheritdoc />
    IHeaderDictionary IHttpRequestTrailersFeature.Trailers
    {
        get
        {
            H2ServerRequestContext context = Context;
            if (!context.RequestTrailersAvailable)
            {
                throw new InvalidOperationException("The request trailers are not available yet: read the request body to its end first.");
            }
            _requestTrailers ??= new HeaderDictionary();
            if (!_requestTrailersFilled)
            {
                _requestTrailersFilled = true;
                _requestTrailers.Clear();
                Fill(_requestTrailers, context.RequestTrailers);
            }
            return _requestTrailers;
        }
    }

    /// <inheritdoc />
    public bool IsExtendedConnect => Context.IsExtendedConnect;

    /// <inheritdoc />
    string? IHttpExtendedConnectFeature.Protocol => Context.Protocol;

    private void InitializeRequest(H2ServerRequestContext context)
    {
        Protocol = Http2Protocol;
        Method = context.Method;
        // As Kestrel: the scheme is the transport's (the server checks :scheme against it).
        Scheme = context.Connection.IsTls ? "https" : "http";
        PathBase = string.Empty;
        // Through the cache: a client asking for the same paths again costs no string.
        string target = _requestPaths.Get(context.PathBytes.Span);
        RawTarget = target;
        RequestTarget.Split(target, out string path, out string query);
        Path = path;
        QueryString = query;
        AllowSynchronousIO = false;

        _requestHeadersOverride = null;
        _requestTrailersFilled = false;
        _requestHeaders.Clear();
        Fill(_requestHeaders, context.RequestHeaders);
        // RFC 9113 section 8.3.1: ":authority ... Clients that generate HTTP/2 requests directly
        // MUST use the :authority pseudo-header field to convey authority information". ASP.NET
        // Core reads it from Host, as Kestrel provides it.
        // Through the cache too: the authority is the same on every request of a connection.
        ReadOnlySpan<byte> authority = context.AuthorityBytes.Span;
        if (!authority.IsEmpty)
        {
            _requestHeaders[HeaderNames.Host] = _requestValues.Get(authority);
        }
    }

    private void Fill(HeaderDictionary target, IReadOnlyList<HeaderField> fields)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            HeaderField field = fields[i];
            string name = _requestNames.Get(field.Name.Span);
            string value = _requestValues.Get(field.Value.Span);
            if (target.TryGetValue(name, out StringValues existing))
            {
                // RFC 9113 section 8.2.3: a client may split cookie into several fields; "these
                // MUST be concatenated into a single field line using the two-octet delimiter of
                // 0x3b, 0x20 (the ASCII string "; ")" before passing into an HTTP/1.1 context.
                target[name] = string.Equals(name, "cookie", StringComparison.OrdinalIgnoreCase)
                    ? existing.ToString() + "; " + value
                    : StringValues.Concat(existing, value);
            }
            else
            {
                target[name] = value;
            }
        }
    }
}
