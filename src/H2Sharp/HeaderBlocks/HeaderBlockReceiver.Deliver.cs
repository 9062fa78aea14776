using System;
using System.Collections.Generic;
using H2Sharp.Events;
using H2Sharp.Headers;

namespace H2Sharp;

/// <summary>Turning a decoded header block for a stream into events, after the header rules and body-length checks.</summary>
internal sealed partial class HeaderBlockReceiver
{
    private void Deliver(H2Stream stream)
    {
        var fields = _collector.Build();
        var kind = KindOf(stream, fields, out var problem);
        // One pass: the rules (when validation is on) and the facts the connection needs.
        var rule = InboundHeaderRules.Validate(fields, kind, InboundOptions, out var facts);
        if (problem is null && rule is not null)
        {
            problem = new ProtocolException(rule, ErrorCode.ProtocolError, stream.Id);
        }

        problem ??= CheckShape(stream, kind, facts);

        _core.Streams.Apply(stream, StreamInput.RecvHeaders);
        if (problem is not null)
        {
            // RFC 9113 8.1.1: "Malformed requests or responses that are detected MUST be treated
            // as a stream error of type PROTOCOL_ERROR."
            _core.StreamError(stream.Id, ErrorCode.ProtocolError, problem);
            return;
        }

        IReadOnlyList<HeaderField> headers = InboundHeaderRules.Normalize(fields, kind, InboundOptions);
        stream.InboundPhase = kind switch
        {
            HeaderBlockKind.Informational => HeaderPhase.Informational,
            HeaderBlockKind.Trailers => HeaderPhase.Trailers,
            _ => HeaderPhase.Final,
        };

        StreamEnded? ended = null;
        if (_endStream)
        {
            _core.Streams.Apply(stream, StreamInput.RecvEndStream);
            ended = new StreamEnded { StreamId = stream.Id };
        }

        var priority = _priority is { } p && PrioritySignals.ReportRfc7540(_core)
            ? new PriorityUpdated { StreamId = stream.Id, Weight = p.Weight, DependsOn = p.StreamDependency, Exclusive = p.Exclusive }
            : null;
        var text = TextHeaderList.Create(headers, _core.HeaderOptions.HeaderEncoding);
        H2Event e = kind switch
        {
            HeaderBlockKind.Request => new RequestReceived { StreamId = stream.Id, Headers = headers, TextHeaders = text, StreamEnded = ended, PriorityUpdated = priority },
            HeaderBlockKind.Response => new ResponseReceived { StreamId = stream.Id, Headers = headers, TextHeaders = text, StreamEnded = ended, PriorityUpdated = priority },
            HeaderBlockKind.Informational => new InformationalResponseReceived { StreamId = stream.Id, Headers = headers, TextHeaders = text, PriorityUpdated = priority },
            _ => new TrailersReceived { StreamId = stream.Id, Headers = headers, TextHeaders = text, StreamEnded = ended, PriorityUpdated = priority },
        };
        _core.Emit(e);
        if (ended is not null)
        {
            _core.Emit(ended);
        }

        if (priority is not null)
        {
            _core.Emit(priority);
        }
    }

    /// <summary>Which kind of block this is, from the stream's history and :status (docs/architecture.md).</summary>
    private HeaderBlockKind KindOf(H2Stream stream, ReadOnlySpan<HeaderField> fields, out ProtocolException? problem)
    {
        problem = null;
        switch (stream.InboundPhase)
        {
            case HeaderPhase.Trailers:
                problem = new ProtocolException($"A second trailer block arrived on stream {stream.Id}.", ErrorCode.ProtocolError, stream.Id);
                return HeaderBlockKind.Trailers;
            case HeaderPhase.Final:
                return HeaderBlockKind.Trailers;
            default:
                return _core.Client ? HeaderBlockClassifier.ResponseKindOf(fields) : HeaderBlockKind.Request;
        }
    }

    /// <summary>The checks that concern the stream rather than the header rules: END_STREAM placement, priority, content-length.</summary>
    private ProtocolException? CheckShape(H2Stream stream, HeaderBlockKind kind, in HeaderBlockFacts facts)
    {
        // RFC 7540 5.3.1 (dropped by RFC 9113, kept as peers and conformance tools expect): "A
        // stream cannot depend on itself. An endpoint MUST treat this as a stream error of type
        // PROTOCOL_ERROR." Not once SETTINGS_NO_RFC7540_PRIORITIES turned the scheme off (RFC 9218 2.1).
        if (_priority is { } p && p.StreamDependency == stream.Id && !PrioritySignals.Disabled(_core))
        {
            return new ProtocolException($"Stream {stream.Id} declared a dependency on itself.", ErrorCode.ProtocolError, stream.Id);
        }

        switch (kind)
        {
            case HeaderBlockKind.Trailers when !_endStream:
                // RFC 9113 8.1: a HEADERS frame without END_STREAM after the final header block makes the message malformed.
                return new ProtocolException($"Trailers on stream {stream.Id} did not end the stream.", ErrorCode.ProtocolError, stream.Id);
            case HeaderBlockKind.Informational when _endStream:
                // RFC 9113 8.1: "A HEADERS frame with the END_STREAM flag set that carries an informational status code is malformed."
                return new ProtocolException($"An informational response on stream {stream.Id} ended the stream.", ErrorCode.ProtocolError, stream.Id);
            case HeaderBlockKind.Trailers:
                return CheckBodyComplete(stream);
            case HeaderBlockKind.Request:
            case HeaderBlockKind.Response:
                // Beyond h2: content-length is digits only and duplicates must agree, whatever the
                // validation switch, since the body length is policed from it.
                if (facts.ContentLengthInvalid)
                {
                    return new ProtocolException($"The content-length on stream {stream.Id} is not a single non-negative integer.", ErrorCode.ProtocolError, stream.Id);
                }

                stream.ContentLength = facts.ContentLength;
                stream.ContentLengthRemaining = facts.ContentLength;
                if (kind == HeaderBlockKind.Response)
                {
                    // RFC 9110 6.4.1: responses to HEAD and 204/304 responses have no content,
                    // whatever their content-length (h2 2.4.1 bugfix for HEAD).
                    stream.ExpectNoBody = stream.RequestWasHead || facts.Status is 204 or 304;
                }

                return _endStream ? CheckBodyComplete(stream) : null;
            default:
                return null;
        }
    }

    /// <summary>At END_STREAM: RFC 9113 8.1.1, the body must add up to the content-length.</summary>
    internal static InvalidBodyLengthException? CheckBodyComplete(H2Stream stream) =>
        !stream.ExpectNoBody && stream.ContentLengthRemaining > 0
            ? new InvalidBodyLengthException(stream.Id, stream.ContentLength, stream.ContentLength - stream.ContentLengthRemaining)
            : null;
}
