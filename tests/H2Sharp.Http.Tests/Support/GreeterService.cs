using Greet;
using Grpc.Core;

namespace H2Sharp.Http.Tests.Support;

/// <summary>The Greeter of greet.proto: "Hello NAME", and three numbered replies when streaming.</summary>
internal sealed class GreeterService : Greeter.GreeterBase
{
    public override Task<HelloReply> SayHello(HelloRequest request, ServerCallContext context) =>
        Task.FromResult(new HelloReply { Message = "Hello " + request.Name });

    public override async Task SayHelloStream(HelloRequest request, IServerStreamWriter<HelloReply> responseStream, ServerCallContext context)
    {
        for (int i = 1; i <= 3; i++)
        {
            await responseStream.WriteAsync(new HelloReply { Message = $"Hello {request.Name} #{i}" });
        }
    }
}
