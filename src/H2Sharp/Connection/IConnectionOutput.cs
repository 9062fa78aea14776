using H2Sharp.Events;

namespace H2Sharp;

/// <summary>
/// What a part of the connection writes to: the outbound buffer, the event list, the ledger's
/// charge for automatic answers and stream errors. <see cref="ConnectionCore"/> implements it;
/// parts that take this instead of the core (<see cref="FlowController"/>,
/// <see cref="SettingsExchange"/>) depend on no other part through it, so the core, flow control
/// and the SETTINGS exchange form no dependency circle.
/// </summary>
internal interface IConnectionOutput
{
    /// <summary>The bytes queued for the caller's <c>DataToSend</c>.</summary>
    OutboundBuffer Out { get; }

    /// <summary>Adds an event to the list <c>ReceiveData</c> returns.</summary>
    void Emit(H2Event e);

    /// <summary>Marks the start of an automatic answer; pass the result to <see cref="EndControl"/>.</summary>
    int BeginControl();

    /// <summary>Charges the automatic answer written since <paramref name="before"/> to the ledger.</summary>
    void EndControl(int before);

    /// <summary>A stream error (RFC 9113 5.4.2): RST_STREAM, the stream closed and reported; the connection goes on.</summary>
    void StreamError(int streamId, ErrorCode code, ProtocolException? cause);
}
