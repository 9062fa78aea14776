using System;

namespace H2Sharp.Server;

/// <summary>
/// Watches the frame boundaries in the bytes a client sends, to tell when it has begun something
/// it has not finished: the connection preface, a frame, or a header block (HEADERS without
/// END_HEADERS and its CONTINUATION frames). <see cref="H2ServerLimits.RequestHeadersTimeout"/>
/// runs from that moment: a slowloris client that trickles a header block is cut off.
/// </summary>
/// <remarks>
/// It reads only the 9-octet frame headers (RFC 9113 section 4.1) and skips payloads; the core
/// validates everything. It is used on the connection's owner only.
/// </remarks>
internal struct FrameProgress
{
    private const byte Headers = 0x1;
    private const byte PushPromise = 0x5;
    private const byte Continuation = 0x9;
    private const byte EndHeaders = 0x4;
    private const int FrameHeaderLength = 9;
    private const int PrefaceLength = 24;

    private int _prefaceLeft;
    private long _payloadLeft;
    private int _headerHave;
    private byte _type;
    private byte _flags;
    private int _lengthSoFar;
    private bool _inHeaderBlock;

    /// <summary>When the unfinished thing began (<see cref="Environment.TickCount64"/>), or 0 when the client is between frames.</summary>
    public long PendingSince { get; private set; }

    public static FrameProgress AfterPreface(bool prefaceExpected) => new() { _prefaceLeft = prefaceExpected ? PrefaceLength : 0 };

    /// <summary>Advances over <paramref name="data"/>, received at <paramref name="now"/>.</summary>
    public void Observe(ReadOnlySpan<byte> data, long now)
    {
        bool boundary = !Busy;
        while (!data.IsEmpty)
        {
            if (_prefaceLeft > 0)
            {
                int take = Math.Min(_prefaceLeft, data.Length);
                _prefaceLeft -= take;
                data = data[take..];
                continue;
            }
            if (_payloadLeft > 0)
            {
                int take = (int)Math.Min(_payloadLeft, data.Length);
                _payloadLeft -= take;
                data = data[take..];
                boundary |= !Busy;
                continue;
            }
            byte b = data[0];
            data = data[1..];
            switch (_headerHave)
            {
                case 0: _lengthSoFar = b; break;
                case 1:
                case 2: _lengthSoFar = (_lengthSoFar << 8) | b; break;
                case 3: _type = b; break;
                case 4: _flags = b; break;
            }
            if (++_headerHave == FrameHeaderLength)
            {
                _headerHave = 0;
                _payloadLeft = _lengthSoFar;
                if (_type is Headers or PushPromise or Continuation)
                {
                    _inHeaderBlock = (_flags & EndHeaders) == 0;
                }
                boundary |= !Busy;
            }
        }
        if (!Busy)
        {
            PendingSince = 0;
        }
        else if (boundary || PendingSince == 0)
        {
            PendingSince = now;
        }
    }

    private readonly bool Busy => _prefaceLeft is > 0 and < PrefaceLength || _payloadLeft > 0 || _headerHave > 0 || _inHeaderBlock;
}
