using System;
using System.Globalization;
using System.Net.Http;

namespace H2Sharp.Http;

/// <summary>
/// The exceptions requests fail with, in .NET terms: HttpRequestException before the response
/// headers, HttpIOException while the body is read, with HttpRequestError set and the HTTP/2
/// error code named in the message.
/// </summary>
internal static class Http2Errors
{
    private static readonly string[] CodeNames =
    [
        "NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT",
        "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR",
        "CONNECT_ERROR", "ENHANCE_YOUR_CALM", "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED",
    ];

    /// <summary>"CANCEL (0x8)": the RFC 9113 name and the number.</summary>
    public static string Describe(ErrorCode code)
    {
        uint value = (uint)code;
        string hex = "0x" + value.ToString("x", CultureInfo.InvariantCulture);
        return value < CodeNames.Length ? CodeNames[value] + " (" + hex + ")" : "unknown error code " + hex;
    }

    public static HttpRequestException StreamReset(int streamId, ErrorCode code) =>
        new(HttpRequestError.HttpProtocolError, $"The server reset HTTP/2 stream {streamId} with RST_STREAM {Describe(code)}.");

    public static HttpIOException StreamResetInBody(int streamId, ErrorCode code) =>
        new(HttpRequestError.HttpProtocolError, $"The server reset HTTP/2 stream {streamId} with RST_STREAM {Describe(code)} while the response body was being read.");

    public static HttpRequestException GoAway(int streamId, ErrorCode code, int lastStreamId) =>
        new(HttpRequestError.HttpProtocolError, $"The server closed the HTTP/2 connection with GOAWAY {Describe(code)} (last stream id {lastStreamId}) before stream {streamId} ended.");

    public static HttpRequestException ProtocolViolation(ProtocolException error) =>
        new(HttpRequestError.HttpProtocolError, $"The server broke the HTTP/2 protocol; the connection was closed with GOAWAY {Describe(error.ErrorCode)}: {error.Message}", error);

    public static HttpRequestException StreamProtocolViolation(int streamId, ErrorCode code, ProtocolException? error) =>
        new(HttpRequestError.HttpProtocolError, $"The server's response on HTTP/2 stream {streamId} broke the protocol; the stream was reset with RST_STREAM {Describe(code)}: {error?.Message}", error);

    public static HttpRequestException HeadersTooLarge(int limitKiB, ProtocolException? error) =>
        new(HttpRequestError.ConfigurationLimitExceeded, $"The server's response header block exceeded MaxResponseHeadersLength = {limitKiB} KiB and was refused ({error?.Message}). Raise H2SharpHandler.MaxResponseHeadersLength if the server is trusted.", error);

    public static HttpRequestException ConnectionClosed(Exception? inner) =>
        new(HttpRequestError.ResponseEnded, "The server closed the HTTP/2 connection before the response ended." + (inner is null ? "" : " " + inner.Message), inner);

    public static HttpIOException ConnectionClosedInBody(Exception? inner) =>
        new(HttpRequestError.ResponseEnded, "The HTTP/2 connection closed before the response body ended." + (inner is null ? "" : " " + inner.Message), inner);

    public static HttpRequestException KeepAliveTimeout(TimeSpan timeout) =>
        new(HttpRequestError.HttpProtocolError, $"The server did not answer a keep-alive PING within KeepAlivePingTimeout ({timeout.TotalSeconds:0.###} s); the connection was closed.");

    /// <summary>Turns a failure meant for the headers phase into the body phase's HttpIOException.</summary>
    public static Exception ForBody(Exception failure) =>
        failure is HttpRequestException hre
            ? new HttpIOException(hre.HttpRequestError, hre.Message, hre.InnerException)
            : failure;
}
