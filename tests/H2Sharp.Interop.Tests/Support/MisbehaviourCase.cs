using System.Buffers;
using H2Sharp.Frames;

namespace H2Sharp.Interop.Tests.Support;

/// <summary>
/// Bad client input for the differential tests: each case writes, after the preface and an
/// empty SETTINGS, frames that break one rule of RFC 9113 (built with FrameWriter and a fresh
/// HPACK encoder per connection, so every server gets the same bytes).
/// </summary>
internal static class MisbehaviourCase
{
    public static readonly string[] Names =
    {
        "data_after_end_stream", "data_after_rst_stream", "uppercase_header_name", "connection_specific_header",
        "hpack_bad_index", "window_update_zero_on_connection", "even_stream_from_client", "settings_bad_length",
        "continuation_without_headers", "header_block_interrupted", "data_on_idle_stream", "content_length_mismatch",
        "stream_ids_going_down", "ping_on_stream",
    };

    public static void Write(string name, RawH2Peer peer, string authority)
    {
        HeaderField[] Request(string method, params HeaderField[] extra) =>
            new HeaderField[] { new(":method", method), new(":scheme", "http"), new(":authority", authority), new(":path", "/x") }.Concat(extra).ToArray();

        var w = new ArrayBufferWriter<byte>();
        switch (name)
        {
            case "data_after_end_stream":
                FrameWriter.WriteHeaders(w, 1, peer.EncodeHeaders(Request("GET")), endStream: true, endHeaders: true);
                FrameWriter.WriteData(w, 1, "late"u8, endStream: false);
                break;
            case "data_after_rst_stream":
                FrameWriter.WriteHeaders(w, 1, peer.EncodeHeaders(Request("POST")), endStream: false, endHeaders: true);
                FrameWriter.WriteRstStream(w, 1, ErrorCode.Cancel);
                FrameWriter.WriteData(w, 1, "late"u8, endStream: false);
                break;
            case "uppercase_header_name":
                FrameWriter.WriteHeaders(w, 1, peer.EncodeHeaders(Request("GET", new HeaderField("X-Upper", "1"))), endStream: true, endHeaders: true);
                break;
            case "connection_specific_header":
                FrameWriter.WriteHeaders(w, 1, peer.EncodeHeaders(Request("GET", new HeaderField("connection", "keep-alive"))), endStream: true, endHeaders: true);
                break;
            case "hpack_bad_index":
                // Indexed field 63: past the 61 static entries with an empty dynamic table (RFC 7541 2.3.3).
                FrameWriter.WriteHeaders(w, 1, new byte[] { 0x82, 0xBF }, endStream: true, endHeaders: true);
                break;
            case "window_update_zero_on_connection":
                w.Write(new byte[] { 0, 0, 4, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
                break;
            case "even_stream_from_client":
                FrameWriter.WriteHeaders(w, 2, peer.EncodeHeaders(Request("GET")), endStream: true, endHeaders: true);
                break;
            case "settings_bad_length":
                w.Write(new byte[] { 0, 0, 5, 4, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0 });
                break;
            case "continuation_without_headers":
                FrameWriter.WriteContinuation(w, 1, peer.EncodeHeaders(Request("GET")), endHeaders: true);
                break;
            case "header_block_interrupted":
                FrameWriter.WriteHeaders(w, 1, peer.EncodeHeaders(Request("GET")), endStream: true, endHeaders: false);
                FrameWriter.WritePing(w, 7, ack: false);
                break;
            case "data_on_idle_stream":
                FrameWriter.WriteData(w, 1, "idle"u8, endStream: true);
                break;
            case "content_length_mismatch":
                FrameWriter.WriteHeaders(w, 1, peer.EncodeHeaders(Request("POST", new HeaderField("content-length", "10"))), endStream: false, endHeaders: true);
                FrameWriter.WriteData(w, 1, "abc"u8, endStream: true);
                break;
            case "stream_ids_going_down":
                FrameWriter.WriteHeaders(w, 5, peer.EncodeHeaders(Request("GET")), endStream: true, endHeaders: true);
                FrameWriter.WriteHeaders(w, 3, peer.EncodeHeaders(Request("GET")), endStream: true, endHeaders: true);
                break;
            case "ping_on_stream":
                w.Write(new byte[] { 0, 0, 8, 6, 0, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8 });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "unknown case");
        }
        peer.WriteRaw(w.WrittenSpan);
    }
}
