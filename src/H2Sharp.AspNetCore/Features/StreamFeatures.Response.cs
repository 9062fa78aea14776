using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using H2Sharp.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace H2Sharp.AspNetCore;

/// <content>The response: status, headers, body, trailers, start and completion.</content>
internal sealed partial class StreamFeatures<TContext>
{
    // Runs last of the OnStarting callbacks (it is registered first and they run last-first), so
    // what the app's callbacks add to the headers is sent.
    private static readonly Func<object?, Task> s_copyHeadersOnStarting = static state =>
    {
        ((StreamFeatures<TContext>)state!).CopyResponseHeaders();
        return Task.CompletedTask;
    };

    private readonly HeaderDictionary _responseHeaders = new();
    private readonly ResponseBytesCache _responseNames = new(lowercase: true);
    private readonly ResponseBytesCache _responseValues = new(lowercase: false);
    private IHeaderDictionary? _responseHeadersOverride;
    private HeaderDictionary? _responseTrailers;
    private IHeaderDictionary? _responseTrailersOverride;
    private Stream? _responseBodyOverride;
    private string? _reasonPhrase;
    private StartingPipeWriter? _writer;
    private System.IO.Stream? _writerStream;

    // Set when the app registers an OnStarting callback: the headers are then copied by a hook
    // that runs after the app's callbacks, not by the writer.
    private bool _startHookRegistered;

    /// <inheritdoc />
    public int StatusCode
    {
        get => Context.StatusCode;
        set => Context.StatusCode = value;
    }

    /// <inheritdoc />
    /// <remarks>HTTP/2 has no reason phrase (RFC 9113 section 8.3.2); it is kept but never sent.</remarks>
    public string? ReasonPhrase
    {
        get => _reasonPhrase;
        set
        {
            if (HasStarted)
            {
                throw new InvalidOperationException("ReasonPhrase cannot be set because the response has already started.");
            }
            _reasonPhrase = value;
        }
    }

    /// <inheritdoc />
    IHeaderDictionary IHttpResponseFeature.Headers
    {
        get => _responseHeadersOverride ?? _responseHeaders;
        set => _responseHeadersOverride = value;
    }

    /// <inheritdoc />
    Stream IHttpResponseFeature.Body
    {
        get => _responseBodyOverride ?? BodyStream;
        set => _responseBodyOverride = value;
    }

    /// <inheritdoc />
    public bool HasStarted => Context.HasStarted;

    /// <inheritdoc />
    public void OnStarting(Func<object, Task> callback, object state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (HasStarted)
        {
            throw new InvalidOperationException("OnStarting cannot be registered because the response has already started.");
        }
        H2ServerRequestContext context = Context;
        if (!_startHookRegistered)
        {
            // Registered before the app's first callback, so it runs after all of them (last-first order).
            _startHookRegistered = true;
            context.OnStarting(s_copyHeadersOnStarting, this);
        }
        // The server's callback takes object?; a Func<object, Task> is the same delegate type at run time.
        context.OnStarting((Func<object?, Task>)(object)callback, state);
    }

    /// <inheritdoc />
    public void OnCompleted(Func<object, Task> callback, object state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        (_onCompleted ??= []).Add(new KeyValuePair<Func<object, Task>, object>(callback, state));
    }

    /// <inheritdoc />
    Stream IHttpResponseBodyFeature.Stream => BodyStream;

    /// <inheritdoc />
    public PipeWriter Writer
    {
        get
        {
            _ = Context;
            return _writer!;
        }
    }

    private Stream BodyStream
    {
        get
        {
            _ = Context;
            return _writerStream ??= _writer!.AsStream(leaveOpen: true);
        }
    }

    /// <inheritdoc />
    public void BeforeStart()
    {
        H2ServerRequestContext context = Context;
        if (!_startHookRegistered && !context.HasStarted)
        {
            CopyResponseHeaders();
        }
    }

    /// <inheritdoc />
    /// <remarks>Writes are not buffered beyond one flush, so there is nothing to disable.</remarks>
    public void DisableBuffering()
    {
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        BeforeStart();
        return Context.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(BodyStream, path, offset, count, cancellationToken);

    /// <inheritdoc />
    public Task CompleteAsync() => CompleteResponseAsync().AsTask();

    /// <inheritdoc />
    IHeaderDictionary IHttpResponseTrailersFeature.Trailers
    {
        get => _responseTrailersOverride ?? (_responseTrailers ??= new HeaderDictionary());
        set => _responseTrailersOverride = value;
    }

    /// <summary>Sends the trailers and ends the stream (headers first if the response has not started).</summary>
    public ValueTask CompleteResponseAsync()
    {
        H2ServerRequestContext context = Context;
        BeforeStart();
        CopyResponseTrailers(context);
        return context.CompleteAsync();
    }

    /// <summary>
    /// Turns the response into the one Kestrel sends when the app throws before starting it:
    /// 500 (or the status of a bad-request exception), no headers, empty body.
    /// </summary>
    public void SetErrorResponse(int statusCode)
    {
        _responseHeadersOverride = null;
        _responseHeaders.Clear();
        _responseTrailers?.Clear();
        _responseHeaders.ContentLength = 0;
        Context.StatusCode = statusCode;
    }

    private void InitializeResponse(H2ServerRequestContext context)
    {
        _reasonPhrase = null;
        _responseHeadersOverride = null;
        _responseTrailersOverride = null;
        _responseHeaders.IsReadOnly = false;
        _responseHeaders.Clear();
        if (_responseTrailers is not null)
        {
            _responseTrailers.IsReadOnly = false;
            _responseTrailers.Clear();
        }
        _startHookRegistered = false;
        (_writer ??= new StartingPipeWriter(this)).Reset(context.ResponseBodyWriter);
    }

    private void CopyResponseHeaders()
    {
        H2ServerRequestContext context = Context;
        IHeaderDictionary headers = _responseHeadersOverride ?? _responseHeaders;
        Copy(headers, context.ResponseHeaders);
        // As on Kestrel, headers cannot change once they are on their way.
        if (headers is HeaderDictionary dictionary)
        {
            dictionary.IsReadOnly = true;
        }
    }

    private void CopyResponseTrailers(H2ServerRequestContext context)
    {
        IHeaderDictionary? trailers = _responseTrailersOverride ?? _responseTrailers;
        if (trailers is null || trailers.Count == 0)
        {
            return;
        }
        Copy(trailers, context.ResponseTrailers);
        if (trailers is HeaderDictionary dictionary)
        {
            dictionary.IsReadOnly = true;
        }
    }

    private void Copy(IHeaderDictionary from, IList<HeaderField> to)
    {
        to.Clear();
        if (from is HeaderDictionary dictionary)
        {
            // HeaderDictionary's own enumerator is a struct: no allocation per response.
            foreach (KeyValuePair<string, StringValues> pair in dictionary)
            {
                Add(to, pair);
            }
            return;
        }
        foreach (KeyValuePair<string, StringValues> pair in from)
        {
            Add(to, pair);
        }
    }

    private void Add(IList<HeaderField> to, KeyValuePair<string, StringValues> pair)
    {
        // RFC 9113 section 8.2.2: connection-specific fields MUST NOT be sent; the core rejects
        // them, so fields that ASP.NET Core middleware may set for HTTP/1.1 are dropped here.
        if (IsConnectionSpecific(pair.Key))
        {
            return;
        }
        byte[] name = _responseNames.Get(pair.Key);
        StringValues values = pair.Value;
        for (int i = 0; i < values.Count; i++)
        {
            string? value = values[i];
            if (value is not null)
            {
                to.Add(new HeaderField(name, _responseValues.Get(value)));
            }
        }
    }

    private static bool IsConnectionSpecific(string name) =>
        name.Length is 7 or 10 or 16 or 17
        && (string.Equals(name, "Connection", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "Keep-Alive", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "Proxy-Connection", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "Upgrade", StringComparison.OrdinalIgnoreCase));
}
