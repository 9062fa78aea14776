using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using H2Sharp.Server;
using Microsoft.AspNetCore.Hosting.Server.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace H2Sharp.AspNetCore;

/// <summary>
/// The ASP.NET Core features of one HTTP/2 stream: a thin layer over the server's
/// <see cref="H2ServerRequestContext"/>. Like Kestrel's HttpProtocol, one object is every
/// feature and the feature collection at once, and it is pooled with the context it wraps
/// (<see cref="H2ServerRequestContext.ApplicationState"/>), so that neither it, its header
/// dictionaries nor the HttpContext it carries (<see cref="IHostContextContainer{TContext}"/>)
/// are allocated again for later requests of the connection.
/// </summary>
/// <typeparam name="TContext">The hosting layer's context type.</typeparam>
internal sealed partial class StreamFeatures<TContext> :
    IHostContextContainer<TContext>,
    IHttpRequestFeature,
    IHttpResponseFeature,
    IHttpResponseBodyFeature,
    IHttpRequestBodyDetectionFeature,
    IHttpResponseTrailersFeature,
    IHttpResetFeature,
    IHttpRequestLifetimeFeature,
    IHttpConnectionFeature,
    ITlsConnectionFeature,
    ITlsHandshakeFeature,
    IHttpMaxRequestBodySizeFeature,
    IHttpExtendedConnectFeature,
    IHttpRequestIdentifierFeature,
    IRequestBodyPipeFeature,
    IHttpBodyControlFeature,
    IHttpRequestTrailersFeature,
    IEndpointFeature,
    IRouteValuesFeature,
    IResponseStarter
    where TContext : notnull
{
    private H2ServerRequestContext? _context;

    /// <inheritdoc />
    public TContext? HostContext { get; set; }

    /// <summary>The stream being served; only valid between <see cref="Initialize"/> and <see cref="Uninitialize"/>.</summary>
    private H2ServerRequestContext Context =>
        _context ?? throw new ObjectDisposedException(nameof(HttpContext), "The request has completed; its HttpContext must not be used any more.");

    /// <summary>Whether the request came over TLS (decides whether the TLS features exist).</summary>
    private bool IsTls => _context?.Connection.IsTls == true;

    /// <summary>Makes this object the features of the request on <paramref name="context"/>.</summary>
    public void Initialize(H2ServerRequestContext context)
    {
        _context = context;
        InitializeRequest(context);
        InitializeResponse(context);
        InitializeConnection(context);
        _endpoint = null;
        _routeValues = null;
        ResetFeatureSlots();
    }

    /// <summary>Forgets the request, so that nothing the app kept can reach the next one.</summary>
    public void Uninitialize()
    {
        _context = null;
        _requestBodyOverride = null;
        _responseBodyOverride = null;
        _abortedOverride = null;
        _onCompleted?.Clear();
        _extraFeatures?.Clear();
    }

    /// <summary>The callbacks of <see cref="IHttpResponseFeature.OnCompleted"/>, run once the response is done.</summary>
    private List<KeyValuePair<Func<object, Task>, object>>? _onCompleted;

    private Endpoint? _endpoint;
    private RouteValueDictionary? _routeValues;

    /// <inheritdoc />
    Endpoint? IEndpointFeature.Endpoint
    {
        get => _endpoint;
        set => _endpoint = value;
    }

    /// <inheritdoc />
    RouteValueDictionary IRouteValuesFeature.RouteValues
    {
        // Made per request when routing asks: the app may keep the dictionary after the request.
        get => _routeValues ??= [];
        set => _routeValues = value;
    }

    /// <summary>Whether any OnCompleted callback was registered (the adapter skips an await otherwise).</summary>
    public bool HasOnCompleted => _onCompleted is { Count: > 0 };
}
