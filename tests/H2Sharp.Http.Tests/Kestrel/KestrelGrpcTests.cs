using Greet;
using Grpc.Core;
using Grpc.Net.Client;
using H2Sharp.Http.Tests.Protos;
using H2Sharp.Http.Tests.Support;

namespace H2Sharp.Http.Tests.Kestrel;

/// <summary>Grpc.Net.Client on H2SharpHandler against gRPC services hosted by Kestrel.</summary>
public sealed class KestrelGrpcTests(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    private GrpcChannel Channel() => GrpcChannel.ForAddress(kestrel.App.Http, new GrpcChannelOptions { HttpHandler = new H2SharpHandler() });

    [Fact]
    public async Task Unary_SayHello()
    {
        using GrpcChannel channel = Channel();
        HelloReply reply = await new Greeter.GreeterClient(channel).SayHelloAsync(new HelloRequest { Name = "H2Sharp" }, deadline: DateTime.UtcNow.AddSeconds(20));
        Assert.Equal("Hello H2Sharp", reply.Message);
    }

    [Fact]
    public async Task Server_streaming_SayHelloStream()
    {
        using GrpcChannel channel = Channel();
        using AsyncServerStreamingCall<HelloReply> call = new Greeter.GreeterClient(channel).SayHelloStream(new HelloRequest { Name = "x" }, deadline: DateTime.UtcNow.AddSeconds(20));
        var messages = new List<string>();
        await foreach (HelloReply reply in call.ResponseStream.ReadAllAsync())
        {
            messages.Add(reply.Message);
        }

        Assert.Equal(["Hello x #1", "Hello x #2", "Hello x #3"], messages);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Client_streaming_Sum()
    {
        using GrpcChannel channel = Channel();
        using AsyncClientStreamingCall<Number, Number> call = new Numbers.NumbersClient(channel).Sum(deadline: DateTime.UtcNow.AddSeconds(20));
        for (int i = 1; i <= 100; i++)
        {
            await call.RequestStream.WriteAsync(new Number { Value = i });
        }

        await call.RequestStream.CompleteAsync();
        Assert.Equal(5050, (await call).Value);
    }

    [Fact]
    public async Task Bidi_streaming_Echo_answers_each_message_in_turn()
    {
        using GrpcChannel channel = Channel();
        using AsyncDuplexStreamingCall<Number, Number> call = new Numbers.NumbersClient(channel).Echo(deadline: DateTime.UtcNow.AddSeconds(20));
        for (int i = 1; i <= 5; i++)
        {
            await call.RequestStream.WriteAsync(new Number { Value = i });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(i * 2, call.ResponseStream.Current.Value);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task Deadline_exceeded()
    {
        using GrpcChannel channel = Channel();
        RpcException e = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Numbers.NumbersClient(channel).SlowAsync(new Number { Value = 5000 }, deadline: DateTime.UtcNow.AddMilliseconds(200)));
        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
    }

    [Fact]
    public async Task Cancellation_gives_Cancelled_and_the_channel_stays_usable()
    {
        using GrpcChannel channel = Channel();
        var client = new Numbers.NumbersClient(channel);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        RpcException e = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.SlowAsync(new Number { Value = 5000 }, cancellationToken: cts.Token));
        Assert.Equal(StatusCode.Cancelled, e.StatusCode);
        Assert.Equal(7, (await client.SlowAsync(new Number { Value = 7 }, deadline: DateTime.UtcNow.AddSeconds(20))).Value);
    }
}
