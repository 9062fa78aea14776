using Grpc.Core;
using H2Sharp.Http.Tests.Protos;

namespace H2Sharp.Http.Tests.Support;

/// <summary>streams.proto's Numbers: Sum (client streaming), Echo (bidi: doubles each), Slow (waits value ms).</summary>
internal sealed class NumbersService : Numbers.NumbersBase
{
    public override async Task<Number> Sum(IAsyncStreamReader<Number> requestStream, ServerCallContext context)
    {
        long sum = 0;
        await foreach (Number n in requestStream.ReadAllAsync(context.CancellationToken))
        {
            sum += n.Value;
        }

        return new Number { Value = sum };
    }

    public override async Task Echo(IAsyncStreamReader<Number> requestStream, IServerStreamWriter<Number> responseStream, ServerCallContext context)
    {
        await foreach (Number n in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(new Number { Value = n.Value * 2 });
        }
    }

    public override async Task<Number> Slow(Number request, ServerCallContext context)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(request.Value), context.CancellationToken);
        return request;
    }
}
