using Greet;
using Grpc.Core;

namespace AspNetCoreServer.Services;

/// <summary>The Greeter of Protos/greet.proto: "Hello " plus the name, once or as a stream.</summary>
internal sealed class GreeterService(SampleOptions options) : Greeter.GreeterBase
{
    /// <inheritdoc />
    public override Task<HelloReply> SayHello(HelloRequest request, ServerCallContext context) =>
        Task.FromResult(new HelloReply { Message = "Hello " + request.Name });

    /// <inheritdoc />
    public override async Task SayHelloStream(HelloRequest request, IServerStreamWriter<HelloReply> responseStream, ServerCallContext context)
    {
        for (int i = 0; i < options.StreamCount; i++)
        {
            if (i > 0 && options.StreamInterval > TimeSpan.Zero)
            {
                // Ends early (OperationCanceledException) when the client cancels or the deadline passes.
                await Task.Delay(options.StreamInterval, context.CancellationToken);
            }
            await responseStream.WriteAsync(new HelloReply { Message = "Hello " + request.Name }, context.CancellationToken);
        }
    }
}
