using System;
using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Headers;
using H2Sharp.Hpack;

namespace H2Sharp;

/// <summary>
/// Receives header blocks: HEADERS or PUSH_PROMISE plus CONTINUATION frames. Decides from the
/// first frame what the block is for, feeds every fragment to the HPACK decoder (always, so the
/// compression state stays in step even for blocks that are then dropped), and at END_HEADERS
/// applies the header rules and emits the events.
/// </summary>
internal sealed partial class HeaderBlockReceiver
{
    private readonly ConnectionCore _core;
    private readonly HeaderCollector _collector = new();
    private BlockTarget _target;
    private bool _endStream;
    private PriorityInfo? _priority;
    private int _promisedStreamId;
    private ErrorCode? _answer;

    public HeaderBlockReceiver(ConnectionCore core)
    {
        _core = core;
    }

    /// <summary>True between a HEADERS/PUSH_PROMISE without END_HEADERS and the CONTINUATION that ends the block.</summary>
    public bool InBlock { get; private set; }

    /// <summary>The stream of the block in progress.</summary>
    public int StreamId { get; private set; }

    public void OnHeaders(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var frame = HeadersFrame.Parse(header, payload);
        StreamId = frame.StreamId;
        _endStream = frame.EndStream;
        _priority = frame.Priority;
        _promisedStreamId = 0;
        _answer = null;
        _target = ClassifyHeaders(frame.StreamId);
        Begin(frame.HeaderBlockFragment, frame.EndHeaders);
    }

    public void OnContinuation(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var frame = ContinuationFrame.Parse(header, payload);
        _core.Ledger.AddContinuation(frame.HeaderBlockFragment.Length);
        Decode(frame.HeaderBlockFragment, frame.EndHeaders);
    }

    private void Begin(ReadOnlySpan<byte> fragment, bool endHeaders)
    {
        _core.Ledger.StartHeaderBlock(fragment.Length);
        _collector.Reset(discard: _target is not (BlockTarget.Existing or BlockTarget.NewStream or BlockTarget.Push));
        InBlock = true;
        Decode(fragment, endHeaders);
    }

    private void Decode(ReadOnlySpan<byte> fragment, bool endHeaders)
    {
        var collector = _collector;
        try
        {
            _core.Decoder.Decode(fragment, endHeaders, ref collector);
        }
        catch (HeaderListTooLargeException ex)
        {
            // The block was decoded to its end and the table is in step: only this stream suffers.
            InBlock = false;
            _collector.Reset(discard: true);
            OnTooLarge(ex);
            return;
        }

        if (endHeaders)
        {
            InBlock = false;
            Complete();
        }
    }

    private void OnTooLarge(HeaderListTooLargeException ex)
    {
        _core.Ledger.CheckHeaderListAbuse(ex.HeaderListSize, _core.Decoder.MaxHeaderListSize);
        switch (_target)
        {
            case BlockTarget.Existing:
                _core.StreamError(StreamId, ex.ErrorCode, ex);
                break;
            case BlockTarget.NewStream:
            case BlockTarget.Refuse:
                RefuseNew(StreamId, ex.ErrorCode, ex);
                break;
            case BlockTarget.Push:
            case BlockTarget.PushDiscard:
                RefuseNew(_promisedStreamId, ex.ErrorCode, ex);
                break;
            default:
                CompleteDiscard();
                break;
        }
    }

    private void Complete()
    {
        switch (_target)
        {
            case BlockTarget.Existing:
                Deliver(_core.Streams.Get(StreamId)!);
                break;
            case BlockTarget.NewStream:
                Deliver(_core.Admission.OpenInbound(StreamId));
                break;
            case BlockTarget.Refuse:
                RefuseNew(StreamId, ErrorCode.RefusedStream, null);
                break;
            case BlockTarget.Push:
                DeliverPush();
                break;
            case BlockTarget.PushDiscard:
                _core.Admission.RecordRefused(_promisedStreamId);
                _core.ResetClosedStream(_promisedStreamId, ErrorCode.Cancel);
                CompleteDiscard();
                break;
            default:
                CompleteDiscard();
                break;
        }
    }

    private void CompleteDiscard()
    {
        if (_answer is ErrorCode code)
        {
            if (_core.Streams.Get(StreamId) is not null)
            {
                _core.StreamError(StreamId, code, new ProtocolException($"The peer sent a header block on stream {StreamId} after ending its side of it.", code, StreamId));
            }
            else
            {
                _core.ResetClosedStream(StreamId, code);
            }
        }
        else
        {
            _core.Ledger.ChargeGlitch(); // a block decoded only to keep HPACK in step
        }
    }

    /// <summary>Resets a peer stream that never became live and reports it.</summary>
    private void RefuseNew(int streamId, ErrorCode code, ProtocolException? cause)
    {
        _core.Ledger.ChargeReset();
        _core.Admission.RecordRefused(streamId);
        _core.ResetClosedStream(streamId, code);
        _core.Emit(new StreamReset { StreamId = streamId, ErrorCode = code, RemoteReset = false, Error = cause });
    }

    private HeaderRuleOptions InboundOptions => new(
        _core.HeaderOptions.ValidateInboundHeaders,
        _core.HeaderOptions.NormalizeInboundHeaders,
        SplitCookies: false,
        ExtendedConnect: _core.Settings.Local.EnableConnectProtocol);
}
