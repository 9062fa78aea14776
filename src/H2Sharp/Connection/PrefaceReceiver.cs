using System;

namespace H2Sharp;

/// <summary>Server side: checks the client connection preface, which may arrive in pieces.</summary>
internal sealed class PrefaceReceiver
{
    /// <summary>RFC 9113 3.4: "the string PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".</summary>
    public static ReadOnlySpan<byte> Preface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;

    private int _matched;

    public PrefaceReceiver(bool expected)
    {
        _matched = expected ? 0 : Preface.Length;
    }

    public bool Done => _matched == Preface.Length;

    /// <summary>Consumes preface octets from the input; throws on a mismatch.</summary>
    public void Consume(ref ReadOnlySpan<byte> input)
    {
        int n = Math.Min(input.Length, Preface.Length - _matched);
        // RFC 9113 3.4: "Clients and servers MUST treat an invalid connection preface as a
        // connection error of type PROTOCOL_ERROR."
        if (!input[..n].SequenceEqual(Preface.Slice(_matched, n)))
        {
            throw new ProtocolException("The client connection preface is invalid (RFC 9113 section 3.4); is the peer speaking HTTP/2?", ErrorCode.ProtocolError, 0);
        }

        _matched += n;
        input = input[n..];
    }
}
