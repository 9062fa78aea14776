using System;
using System.Text;

namespace H2Sharp;

/// <summary>RFC 7838 alternative services (h2's <c>advertise_alternative_service</c>).</summary>
public sealed partial class H2Connection
{
    /// <summary>
    /// Server only: advertises an RFC 7838 alternative service in an ALTSVC frame. Explicit form:
    /// give <paramref name="origin"/> ("origin X is also available at ..."), sent on stream 0, at
    /// any time. Implicit form: give <paramref name="streamId"/> ("the origin of your request on
    /// this stream ..."), allowed after the client's request and before the response headers.
    /// The client sees <see cref="Events.AlternativeServiceAvailable"/>. Prefer the explicit form.
    /// </summary>
    /// <param name="fieldValue">The Alt-Svc field value (RFC 7838 section 3), e.g. <c>h2=":8443"; ma=60</c>; not checked.</param>
    /// <param name="origin">The origin (RFC 6454 ASCII form), for the explicit form; null (or empty, as a null byte array converts) otherwise, as h2's <c>None</c>.</param>
    /// <param name="streamId">The request stream, for the implicit form; null otherwise.</param>
    /// <exception cref="EndpointRoleException">A client called it.</exception>
    /// <exception cref="ArgumentException">Both or neither of a (non-empty) origin and a stream id were given, or the frame would exceed the peer's frame size.</exception>
    /// <exception cref="InvalidOperationException">The stream is not between request and response, or the connection is not open.</exception>
    /// <exception cref="StreamClosedException">The stream is closed.</exception>
    /// <exception cref="NoSuchStreamException">The stream was never opened.</exception>
    public void AdvertiseAlternativeService(ReadOnlySpan<byte> fieldValue, ReadOnlyMemory<byte>? origin = null, int? streamId = null) =>
        AlternativeServices.Advertise(_core, fieldValue, origin is { } o ? o.Span : default, originGiven: origin.HasValue, streamId);

    /// <summary>
    /// <see cref="AdvertiseAlternativeService(ReadOnlySpan{byte}, ReadOnlyMemory{byte}?, int?)"/> with
    /// text (encoded as ASCII: field values and origins are ASCII).
    /// </summary>
    /// <param name="fieldValue">The Alt-Svc field value, e.g. <c>h2=":8443"; ma=60</c>.</param>
    /// <param name="origin">The origin, e.g. <c>https://example.com</c>, for the explicit form; null otherwise.</param>
    /// <param name="streamId">The request stream, for the implicit form; null otherwise.</param>
    /// <exception cref="EndpointRoleException">A client called it.</exception>
    /// <exception cref="ArgumentException">Both or neither of a (non-empty) origin and a stream id were given, a value is not ASCII, or the frame would exceed the peer's frame size.</exception>
    /// <exception cref="InvalidOperationException">The stream is not between request and response, or the connection is not open.</exception>
    /// <exception cref="StreamClosedException">The stream is closed.</exception>
    /// <exception cref="NoSuchStreamException">The stream was never opened.</exception>
    public void AdvertiseAlternativeService(string fieldValue, string? origin = null, int? streamId = null)
    {
        ArgumentNullException.ThrowIfNull(fieldValue);
        AdvertiseAlternativeService(Ascii(fieldValue, nameof(fieldValue)), origin is null ? (ReadOnlyMemory<byte>?)null : Ascii(origin, nameof(origin)), streamId);
    }

    private static byte[] Ascii(string text, string name)
    {
        foreach (char c in text)
        {
            if (c > 0x7E)
            {
                throw new ArgumentException("Alt-Svc field values and origins are ASCII.", name);
            }
        }

        return Encoding.ASCII.GetBytes(text);
    }
}
