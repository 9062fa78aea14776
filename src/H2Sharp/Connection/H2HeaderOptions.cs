using System.Text;

namespace H2Sharp;

/// <summary>
/// The header switches of one live <see cref="H2Connection"/>, which may change while it runs
/// (h2 lets a program set <c>config.header_encoding</c> and the <c>validate_*</c> /
/// <c>normalize_*</c> flags at any time). Each connection gets its own copy of the
/// <see cref="H2Configuration"/> values when it is created, so a change here affects this
/// connection only, and never the shared configuration object.
/// </summary>
/// <remarks>
/// A change applies from the next header block: the next one sent (<c>SendHeaders</c>,
/// <c>PushStream</c>) for the outbound switches, the next one completed by
/// <see cref="H2Connection.ReceiveData"/> for the inbound switches and
/// <see cref="HeaderEncoding"/>. Events already returned keep what they had.
/// Not thread-safe, like the connection: change the options only from the code that owns the
/// connection, between its calls (never from another thread while a call runs).
/// </remarks>
public sealed class H2HeaderOptions
{
    internal H2HeaderOptions(H2Configuration config)
    {
        HeaderEncoding = config.HeaderEncoding;
        ValidateOutboundHeaders = config.ValidateOutboundHeaders;
        NormalizeOutboundHeaders = config.NormalizeOutboundHeaders;
        SplitOutboundCookies = config.SplitOutboundCookies;
        ValidateInboundHeaders = config.ValidateInboundHeaders;
        NormalizeInboundHeaders = config.NormalizeInboundHeaders;
    }

    /// <summary>
    /// The encoding of the <c>TextHeaders</c> of header events (h2's <c>header_encoding</c>);
    /// null for bytes only. Starts as <see cref="H2Configuration.HeaderEncoding"/>.
    /// </summary>
    public Encoding? HeaderEncoding { get; set; }

    /// <summary>Check outbound header blocks against RFC 9113 section 8 (h2's <c>validate_outbound_headers</c>). Starts as <see cref="H2Configuration.ValidateOutboundHeaders"/>.</summary>
    public bool ValidateOutboundHeaders { get; set; }

    /// <summary>Normalise outbound header blocks (h2's <c>normalize_outbound_headers</c>). Starts as <see cref="H2Configuration.NormalizeOutboundHeaders"/>.</summary>
    public bool NormalizeOutboundHeaders { get; set; }

    /// <summary>Split outbound <c>cookie</c> fields into crumbs (h2's <c>split_outbound_cookies</c>). Starts as <see cref="H2Configuration.SplitOutboundCookies"/>.</summary>
    public bool SplitOutboundCookies { get; set; }

    /// <summary>Check inbound header blocks against RFC 9113 section 8 (h2's <c>validate_inbound_headers</c>). Starts as <see cref="H2Configuration.ValidateInboundHeaders"/>.</summary>
    public bool ValidateInboundHeaders { get; set; }

    /// <summary>Normalise inbound header blocks (h2's <c>normalize_inbound_headers</c>). Starts as <see cref="H2Configuration.NormalizeInboundHeaders"/>.</summary>
    public bool NormalizeInboundHeaders { get; set; }
}
