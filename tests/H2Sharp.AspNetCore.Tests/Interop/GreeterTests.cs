using System.Net.Http;
using Greet;
using Grpc.Core;
using Grpc.Net.Client;

namespace H2Sharp.AspNetCore.Tests.Interop;

/// <summary>Grpc.Net.Client calls the sample's Greeter (Protos/greet.proto): unary, server streaming, deadline, cancellation.</summary>
public sealed class GreeterTests
{
    private static GrpcChannel Channel(AppHost host) => GrpcChannel.ForAddress(host.Address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler(),
        DisposeHttpClient = true,
    });

    [Theory]
    [InlineData(ServerKind.H2Sharp)]
    [InlineData(ServerKind.Kestrel)]
    public async Task Unary_SayHello_answers_Hello_and_the_name(ServerKind kind)
    {
        await using AppHost host = await AppHost.StartSampleAsync(kind);
        using GrpcChannel channel = Channel(host);
        var client = new Greeter.GreeterClient(channel);

        HelloReply reply = await client.SayHelloAsync(new HelloRequest { Name = "h2" }, deadline: DateTime.UtcNow + AppHost.Timeout);

        Assert.Equal("Hello h2", reply.Message);
    }

    [Theory]
    [InlineData(ServerKind.H2Sharp)]
    [InlineData(ServerKind.Kestrel)]
    public async Task Server_streaming_sends_every_reply_then_status_OK(ServerKind kind)
    {
        await using AppHost host = await AppHost.StartSampleAsync(kind, "--stream-count", "5");
        using GrpcChannel channel = Channel(host);
        var client = new Greeter.GreeterClient(channel);

        using AsyncServerStreamingCall<HelloReply> call = client.SayHelloStream(new HelloRequest { Name = "stream" }, deadline: DateTime.UtcNow + AppHost.Timeout);
        var messages = new List<string>();
        await foreach (HelloReply reply in call.ResponseStream.ReadAllAsync())
        {
            messages.Add(reply.Message);
        }

        Assert.Equal(Enumerable.Repeat("Hello stream", 5), messages);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Theory]
    [InlineData(ServerKind.H2Sharp)]
    [InlineData(ServerKind.Kestrel)]
    public async Task A_deadline_that_passes_mid_stream_ends_the_call_with_DeadlineExceeded(ServerKind kind)
    {
        await using AppHost host = await AppHost.StartSampleAsync(kind, "--stream-count", "50", "--stream-interval-ms", "100");
        using GrpcChannel channel = Channel(host);
        var client = new Greeter.GreeterClient(channel);

        // Warm the channel first so the deadline measures the stream, not connection setup; 50
        // replies 100 ms apart take 5 s, so a 2 s deadline passes mid-stream even on a loaded machine.
        Assert.Equal("Hello warm", (await client.SayHelloAsync(new HelloRequest { Name = "warm" })).Message);
        using AsyncServerStreamingCall<HelloReply> call = client.SayHelloStream(new HelloRequest { Name = "late" }, deadline: DateTime.UtcNow.AddSeconds(2));
        int received = 0;
        RpcException error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (HelloReply reply in call.ResponseStream.ReadAllAsync())
            {
                Assert.Equal("Hello late", reply.Message);
                received++;
            }
        });

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.InRange(received, 1, 49);
        // The server keeps serving.
        Assert.Equal("Hello again", (await client.SayHelloAsync(new HelloRequest { Name = "again" })).Message);
    }

    [Theory]
    [InlineData(ServerKind.H2Sharp)]
    [InlineData(ServerKind.Kestrel)]
    public async Task Cancelling_a_stream_ends_the_call_with_Cancelled(ServerKind kind)
    {
        await using AppHost host = await AppHost.StartSampleAsync(kind, "--stream-count", "50", "--stream-interval-ms", "100");
        using GrpcChannel channel = Channel(host);
        var client = new Greeter.GreeterClient(channel);
        using var cancel = new CancellationTokenSource();

        using AsyncServerStreamingCall<HelloReply> call = client.SayHelloStream(new HelloRequest { Name = "stop" }, cancellationToken: cancel.Token);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(AppHost.Timeout));
        Assert.Equal("Hello stop", call.ResponseStream.Current.Message);
        await cancel.CancelAsync();
        RpcException error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(AppHost.Timeout));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal("Hello again", (await client.SayHelloAsync(new HelloRequest { Name = "again" })).Message);
    }
}
