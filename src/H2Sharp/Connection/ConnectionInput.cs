namespace H2Sharp;

/// <summary>What can happen to a connection: a frame sent or received, seen at connection level.</summary>
internal enum ConnectionInput : byte
{
    Initiate,
    SendNewStream,
    SendHeaders,
    SendPushPromise,
    SendData,
    SendGoAway,
    SendGoAwayError,
    SendWindowUpdate,
    SendPing,
    SendSettings,
    SendRstStream,
    SendPriority,
    SendAltSvc,
    SendPriorityUpdate,
    RecvNewStream,
    RecvHeaders,
    RecvPushPromise,
    RecvData,
    RecvGoAway,
    RecvWindowUpdate,
    RecvPing,
    RecvSettings,
    RecvRstStream,
    RecvPriority,
    RecvAltSvc,
    RecvPriorityUpdate,
    RecvUnknown,
}
