using System;
using System.Linq;
using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Tests.Support;
using Xunit;

namespace H2Sharp.Tests.Errors;

/// <summary>The shapes h2 programs read: body length mismatch sizes, connection windows, ALTSVC without origin, exception bases.</summary>
public class ErrorShapeTests
{
    private static readonly HeaderField[] PostWithLength = FrameFactory.Request("POST", "/", ("content-length", "10"));

    [Fact]
    public void Body_shorter_than_content_length_carries_expected_and_actual_length()
    {
        var h = ConnectionHarness.Server();
        h.Receive(h.Peer.Headers(1, PostWithLength));
        var reset = Assert.IsType<StreamReset>(h.Receive(FrameFactory.Data(1, 4, endStream: true)).Single(e => e is StreamReset));
        var error = Assert.IsType<InvalidBodyLengthException>(reset.Error);
        Assert.Equal((10L, 4L, 1, ErrorCode.ProtocolError), (error.ExpectedLength, error.ActualLength, error.StreamId, error.ErrorCode));
        Assert.Equal("Stream 1 ended after 4 octets of body, short of its content-length of 10.", error.Message);
    }

    [Fact]
    public void Body_longer_than_content_length_carries_expected_and_actual_length()
    {
        var h = ConnectionHarness.Server();
        h.Receive(h.Peer.Headers(1, PostWithLength));
        Assert.IsType<DataReceived>(Assert.Single(h.Receive(FrameFactory.Data(1, 6))));
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(FrameFactory.Data(1, 7))));
        var error = Assert.IsType<InvalidBodyLengthException>(reset.Error);
        Assert.Equal((10L, 13L), (error.ExpectedLength, error.ActualLength));
        Assert.Equal("Stream 1 carried at least 13 octets of body, more than its content-length of 10 allows.", error.Message);
    }

    [Fact]
    public void Connection_windows_follow_data_and_window_updates_both_ways()
    {
        var h = ConnectionHarness.Server();
        Assert.Equal((65_535, 65_535), (h.Connection.InboundFlowControlWindow, h.Connection.OutboundFlowControlWindow));
        h.Receive(h.Peer.Headers(1, FrameFactory.Request("POST")));
        h.Receive(FrameFactory.Data(1, 1000));
        Assert.Equal(64_535, h.Connection.InboundFlowControlWindow);
        h.Connection.IncrementFlowControlWindow(1000);
        Assert.Equal(65_535, h.Connection.InboundFlowControlWindow);
        h.Connection.SendHeaders(1, FrameFactory.Response());
        h.Connection.SendData(1, new byte[300]);
        Assert.Equal(65_235, h.Connection.OutboundFlowControlWindow);
        h.Receive(FrameFactory.WindowUpdate(0, 5));
        Assert.Equal(65_240, h.Connection.OutboundFlowControlWindow);
    }

    [Fact]
    public void AltSvc_with_a_null_byte_origin_is_no_origin_as_h2_None()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1);
        byte[]? none = null;
        h.Connection.AdvertiseAlternativeService("h2=\":443\""u8, origin: none, streamId: 1);
        var frame = Assert.Single(h.Drain());
        Assert.Equal((FrameType.AltSvc, 1), (frame.Type, frame.StreamId));
        Assert.Equal([0, 0, .. "h2=\":443\""u8.ToArray()], frame.Payload);

        var ex = Assert.Throws<ArgumentException>(() => h.Connection.AdvertiseAlternativeService("h2=\":443\""u8, origin: none));
        Assert.Equal("origin", ex.ParamName);
        Assert.StartsWith("The origin is empty: a client ignores an ALTSVC frame on stream 0 without an origin (RFC 7838 section 4).", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void Caller_exceptions_are_InvalidOperationException_and_peer_exceptions_are_H2Exception()
    {
        Assert.True(typeof(InvalidOperationException).IsAssignableFrom(typeof(StreamClosedException)));
        Assert.True(typeof(NoSuchStreamException).IsAssignableFrom(typeof(StreamClosedException)));
        Assert.True(typeof(InvalidOperationException).IsAssignableFrom(typeof(TooManyStreamsException)));
        Assert.True(typeof(InvalidOperationException).IsAssignableFrom(typeof(NoAvailableStreamIdException)));
        Assert.True(typeof(InvalidOperationException).IsAssignableFrom(typeof(EndpointRoleException)));
        Assert.False(typeof(H2Exception).IsAssignableFrom(typeof(StreamClosedException)));
        Assert.True(typeof(ProtocolException).IsAssignableFrom(typeof(StreamIdTooLowException)));
        Assert.True(typeof(ProtocolException).IsAssignableFrom(typeof(InvalidBodyLengthException)));

        // A stream the peer reset while we were still writing: StreamClosedException, nothing queued.
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        h.Connection.SendHeaders(1, FrameFactory.Response());
        h.Receive(FrameFactory.RstStream(1, ErrorCode.Cancel));
        h.Drain();
        var closed = Assert.Throws<StreamClosedException>(() => h.Connection.SendData(1, "x"u8));
        Assert.Equal(1, closed.StreamId);
        Assert.Equal("Stream 1 is closed; use a new stream.", closed.Message);
        Assert.Empty(h.Drain());
    }
}
