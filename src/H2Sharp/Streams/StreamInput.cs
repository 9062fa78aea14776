namespace H2Sharp;

/// <summary>
/// What can happen to a stream. END_STREAM is its own input, applied after the HEADERS or DATA
/// input of the same frame (as in h2), so the table stays small.
/// </summary>
internal enum StreamInput : byte
{
    SendHeaders,
    SendPushPromise,
    SendData,
    SendEndStream,
    SendWindowUpdate,
    SendRstStream,
    RecvHeaders,
    RecvPushPromise,
    RecvData,
    RecvEndStream,
    RecvWindowUpdate,
    RecvRstStream,
}
