namespace H2Sharp;

/// <summary>The states of the connection state machine (<see cref="ConnectionStateMachine"/>).</summary>
internal enum ConnectionState : byte
{
    /// <summary>Created; <c>InitiateConnection</c> not called yet.</summary>
    Idle,
    /// <summary>Preface sent; streams may be opened both ways.</summary>
    Open,
    /// <summary>We sent a graceful GOAWAY: existing streams finish, new peer streams are refused.</summary>
    GoAwaySent,
    /// <summary>The peer sent GOAWAY: existing streams finish, we may not open new ones.</summary>
    GoAwayReceived,
    /// <summary>Both sides sent GOAWAY: only existing streams finish.</summary>
    GoAwayBoth,
    /// <summary>A connection error occurred or we sent GOAWAY with an error: nothing more is sent, frames received are ignored.</summary>
    Closed,
}
