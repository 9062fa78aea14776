using System.Collections.Generic;
using System.Linq;
using H2Sharp.Events;
using H2Sharp.Tests.Support;
using Xunit;

namespace H2Sharp.Tests.Events;

/// <summary>The shared base of the four header events: one match for all, the same printed form as before.</summary>
public class HeaderBlockReceivedTests
{
    [Fact]
    public void Informational_response_and_trailers_match_the_base_with_their_fields()
    {
        var h = ConnectionHarness.Client();
        int id = h.SendRequest();
        var events = h.Receive(
            h.Peer.Headers(id, FrameFactory.Response("103")),
            h.Peer.Headers(id, FrameFactory.Response("200")),
            h.Peer.Headers(id, FrameFactory.Fields(("grpc-status", "0")), endStream: true));
        var blocks = events.OfType<HeaderBlockReceived>().ToList();
        Assert.Equal([typeof(InformationalResponseReceived), typeof(ResponseReceived), typeof(TrailersReceived)], blocks.Select(b => b.GetType()));
        Assert.All(blocks, b => Assert.Equal(id, b.StreamId));
        Assert.Equal([":status: 103", ":status: 200", "grpc-status: 0"], blocks.Select(b => b.Headers[0].ToString()));
        Assert.Equal(
            $"InformationalResponseReceived {{ StreamId = {id}, Headers = [:status: 103], TextHeaders = null, PriorityUpdated = null }}",
            blocks[0].ToString());
        Assert.Equal(
            $"ResponseReceived {{ StreamId = {id}, Headers = [:status: 200], TextHeaders = null, StreamEnded = null, PriorityUpdated = null }}",
            blocks[1].ToString());
        Assert.Equal(
            $"TrailersReceived {{ StreamId = {id}, Headers = [grpc-status: 0], TextHeaders = null, StreamEnded = StreamEnded {{ StreamId = {id} }}, PriorityUpdated = null }}",
            blocks[2].ToString());
    }

    [Fact]
    public void Request_received_on_the_base_and_records_compare_by_type_and_fields()
    {
        var h = ConnectionHarness.Server();
        HeaderBlockReceived block = Assert.IsType<RequestReceived>(h.ReceiveRequest(1, endStream: false).Single());
        Assert.Equal((1, 4), (block.StreamId, block.Headers.Count));

        IReadOnlyList<HeaderField> headers = [new(":status", "200")];
        HeaderBlockReceived response = new ResponseReceived { StreamId = 1, Headers = headers };
        HeaderBlockReceived trailers = new TrailersReceived { StreamId = 1, Headers = headers };
        Assert.NotEqual(response, trailers);   // same base fields, different event
        Assert.Equal(response, new ResponseReceived { StreamId = 1, Headers = headers });
        Assert.NotEqual(response, new ResponseReceived { StreamId = 1, Headers = headers, StreamEnded = new StreamEnded { StreamId = 1 } });
        Assert.Equal(new ResponseReceived { StreamId = 3, Headers = headers }, response with { StreamId = 3 });
    }
}
