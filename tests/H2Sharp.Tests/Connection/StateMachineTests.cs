using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Connection;

public class StateMachineTests
{
    [Theory]
    [InlineData(StreamState.Idle, StreamInput.SendHeaders, StreamState.Open)]
    [InlineData(StreamState.Idle, StreamInput.RecvPushPromise, StreamState.ReservedRemote)]
    [InlineData(StreamState.ReservedLocal, StreamInput.SendHeaders, StreamState.HalfClosedRemote)]
    [InlineData(StreamState.ReservedRemote, StreamInput.RecvHeaders, StreamState.HalfClosedLocal)]
    [InlineData(StreamState.Open, StreamInput.SendEndStream, StreamState.HalfClosedLocal)]
    [InlineData(StreamState.Open, StreamInput.RecvEndStream, StreamState.HalfClosedRemote)]
    [InlineData(StreamState.HalfClosedLocal, StreamInput.RecvEndStream, StreamState.Closed)]
    [InlineData(StreamState.HalfClosedRemote, StreamInput.SendEndStream, StreamState.Closed)]
    [InlineData(StreamState.Open, StreamInput.RecvRstStream, StreamState.Closed)]
    public void Stream_table_follows_rfc9113_section_5_1(object from, object input, object to)
    {
        var t = StreamStateMachine.Lookup((StreamState)from, (StreamInput)input);
        Assert.Equal(TransitionOutcome.Allow, t.Outcome);
        Assert.Equal((StreamState)to, t.Next);
    }

    [Theory]
    [InlineData(StreamState.HalfClosedRemote, StreamInput.RecvData, TransitionOutcome.StreamClosedError)]
    [InlineData(StreamState.HalfClosedRemote, StreamInput.RecvHeaders, TransitionOutcome.StreamClosedError)]
    [InlineData(StreamState.HalfClosedLocal, StreamInput.SendData, TransitionOutcome.Forbidden)]
    [InlineData(StreamState.Idle, StreamInput.RecvData, TransitionOutcome.Forbidden)]
    [InlineData(StreamState.ReservedRemote, StreamInput.RecvData, TransitionOutcome.Forbidden)]
    [InlineData(StreamState.Closed, StreamInput.RecvWindowUpdate, TransitionOutcome.Ignore)]
    [InlineData(StreamState.Closed, StreamInput.RecvRstStream, TransitionOutcome.Ignore)]
    public void Stream_table_outcomes_for_frames_not_allowed(object state, object input, object outcome) =>
        Assert.Equal((TransitionOutcome)outcome, StreamStateMachine.Lookup((StreamState)state, (StreamInput)input).Outcome);

    [Theory]
    [InlineData(StreamCloseReason.EndStreamSent, StreamInput.RecvData, TransitionOutcome.ConnectionClosedError)]
    [InlineData(StreamCloseReason.EndStreamReceived, StreamInput.RecvHeaders, TransitionOutcome.ConnectionClosedError)]
    [InlineData(StreamCloseReason.EndStreamSent, StreamInput.RecvWindowUpdate, TransitionOutcome.Ignore)]
    [InlineData(StreamCloseReason.ResetByUs, StreamInput.RecvHeaders, TransitionOutcome.Ignore)]
    [InlineData(StreamCloseReason.ResetByUs, StreamInput.RecvData, TransitionOutcome.Ignore)]
    [InlineData(StreamCloseReason.ResetByPeer, StreamInput.RecvData, TransitionOutcome.StreamClosedError)]
    [InlineData(StreamCloseReason.ResetByPeer, StreamInput.RecvRstStream, TransitionOutcome.Ignore)]
    [InlineData(StreamCloseReason.Forgotten, StreamInput.RecvHeaders, TransitionOutcome.StreamClosedError)]
    [InlineData(StreamCloseReason.ResetByPeer, StreamInput.RecvPushPromise, TransitionOutcome.Forbidden)]
    public void Closed_table_answers_late_frames_by_close_reason(object reason, object input, object outcome) =>
        Assert.Equal((TransitionOutcome)outcome, StreamStateMachine.LookupClosed((StreamCloseReason)reason, (StreamInput)input));

    [Fact]
    public void Connection_tables_forbid_role_specific_frames()
    {
        var client = new ConnectionStateMachine(client: true);
        var server = new ConnectionStateMachine(client: false);
        client.Process(ConnectionInput.Initiate);
        server.Process(ConnectionInput.Initiate);
        Assert.Equal(TransitionOutcome.Forbidden, client.Peek(ConnectionInput.SendPushPromise).Outcome);
        Assert.Equal(TransitionOutcome.Forbidden, client.Peek(ConnectionInput.RecvNewStream).Outcome);
        Assert.Equal(TransitionOutcome.Forbidden, server.Peek(ConnectionInput.SendNewStream).Outcome);
        Assert.Equal(TransitionOutcome.Forbidden, server.Peek(ConnectionInput.RecvPushPromise).Outcome);
        Assert.Equal(TransitionOutcome.Ignore, server.Peek(ConnectionInput.RecvAltSvc).Outcome);
    }

    [Fact]
    public void Connection_table_goaway_states()
    {
        var client = new ConnectionStateMachine(client: true);
        client.Process(ConnectionInput.Initiate);
        Assert.Equal(TransitionOutcome.Allow, client.Process(ConnectionInput.RecvGoAway));
        Assert.Equal(ConnectionState.GoAwayReceived, client.State);
        Assert.Equal(TransitionOutcome.Forbidden, client.Peek(ConnectionInput.SendNewStream).Outcome);
        Assert.Equal(TransitionOutcome.Allow, client.Peek(ConnectionInput.SendData).Outcome);
        client.Process(ConnectionInput.SendGoAway);
        Assert.Equal(ConnectionState.GoAwayBoth, client.State);
        client.Process(ConnectionInput.SendGoAwayError);
        Assert.Equal(ConnectionState.Closed, client.State);
        Assert.Equal(TransitionOutcome.Ignore, client.Peek(ConnectionInput.RecvData).Outcome);
        Assert.Equal(TransitionOutcome.Forbidden, client.Peek(ConnectionInput.SendData).Outcome);

        var server = new ConnectionStateMachine(client: false);
        server.Process(ConnectionInput.Initiate);
        server.Process(ConnectionInput.SendGoAway);
        Assert.Equal(TransitionOutcome.Refuse, server.Peek(ConnectionInput.RecvNewStream).Outcome);
    }

    [Fact]
    public void Closed_stream_record_is_bounded_and_remembers_what_it_forgot()
    {
        var record = new ClosedStreamRecord(capacity: 2);
        record.Add(1, StreamCloseReason.EndStreamSent);
        record.Add(3, StreamCloseReason.ResetByUs);
        record.Add(5, StreamCloseReason.ResetByPeer);
        Assert.Equal(2, record.Count);
        Assert.False(record.TryGet(1, out _));
        Assert.Equal(1, record.ForgottenUpTo);
        Assert.True(record.TryGet(5, out var reason));
        Assert.Equal(StreamCloseReason.ResetByPeer, reason);
    }

    [Fact]
    public void Receive_path_throws_only_protocol_exceptions_for_random_bytes()
    {
        var random = new Random(1234);
        for (int i = 0; i < 300; i++)
        {
            var h = i % 2 == 0 ? ConnectionHarness.Server() : ConnectionHarness.Client();
            var bytes = new byte[random.Next(1, 200)];
            random.NextBytes(bytes);
            // A plausible header on random payloads reaches deeper than pure noise.
            if (bytes.Length > 9)
            {
                bytes[0] = 0;
                bytes[1] = 0;
                bytes[2] = (byte)(bytes.Length - 9);
                bytes[3] = (byte)(bytes[3] % 11);
            }

            try
            {
                h.Receive(bytes);
            }
            catch (ProtocolException)
            {
                Assert.Contains(h.Drain(), f => f.Type == H2Sharp.Frames.FrameType.GoAway);
            }
        }
    }
}
