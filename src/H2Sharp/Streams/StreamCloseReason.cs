namespace H2Sharp;

/// <summary>Why a stream closed; decides how late frames on it are answered.</summary>
internal enum StreamCloseReason : byte
{
    /// <summary>Both sides sent END_STREAM.</summary>
    Ended,
    /// <summary>We sent RST_STREAM (including streams we refused): late frames are ignored.</summary>
    ResetByUs,
    /// <summary>The peer sent RST_STREAM: late DATA or HEADERS is a stream error STREAM_CLOSED.</summary>
    ResetByPeer,
}
