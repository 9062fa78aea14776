using System;

namespace H2Sharp;

/// <summary>
/// The RFC 9218 priority parameters (urgency and incremental) read from a Priority header field
/// value or a PRIORITY_UPDATE frame. Parsing follows the Structured Fields dictionary syntax
/// (RFC 8941 section 4.2) as far as these two parameters need; a value that does not parse gives
/// the defaults.
/// </summary>
/// <param name="Urgency">0 (highest) to 7 (background); default 3.</param>
/// <param name="Incremental">Whether the response can be used as it arrives; default false.</param>
public readonly record struct PriorityParameters(int Urgency, bool Incremental)
{
    /// <summary>The default urgency, 3 (RFC 9218 section 4.1).</summary>
    public const int DefaultUrgency = 3;

    /// <summary>The defaults: urgency 3, not incremental.</summary>
    public static PriorityParameters Default => new(DefaultUrgency, false);

    /// <summary>
    /// Reads urgency and incremental from a Priority field value such as <c>u=1, i</c>. RFC 9218
    /// section 4: "unknown priority parameters, priority parameters with out-of-range values, or
    /// values of unexpected types MUST be ignored"; a value that is not a valid dictionary gives
    /// <see cref="Default"/>. Allocates nothing.
    /// </summary>
    /// <param name="fieldValue">The ASCII field value.</param>
    /// <returns>The parameters.</returns>
    public static PriorityParameters Parse(ReadOnlySpan<byte> fieldValue)
    {
        int urgency = DefaultUrgency;
        bool incremental = false;
        var rest = fieldValue;
        while (true)
        {
            rest = Trim(rest);
            if (rest.IsEmpty)
            {
                return new PriorityParameters(urgency, incremental);
            }

            int end = MemberEnd(rest);
            if (end < 0 || !ParseMember(Trim(rest[..end]), ref urgency, ref incremental))
            {
                return Default;
            }

            if (end == rest.Length)
            {
                return new PriorityParameters(urgency, incremental);
            }

            rest = rest[(end + 1)..];
            // RFC 8941 4.2.2: a trailing comma fails the dictionary.
            if (Trim(rest).IsEmpty)
            {
                return Default;
            }
        }
    }

    /// <summary>The index of the comma that ends the first member (or the length); -1 on an unterminated string or list.</summary>
    private static int MemberEnd(ReadOnlySpan<byte> text)
    {
        bool inString = false;
        int depth = 0;
        for (int i = 0; i < text.Length; i++)
        {
            byte b = text[i];
            if (inString)
            {
                if (b == '\\')
                {
                    i++;
                }
                else if (b == '"')
                {
                    inString = false;
                }
            }
            else if (b == '"')
            {
                inString = true;
            }
            else if (b == '(')
            {
                depth++;
            }
            else if (b == ')')
            {
                depth--;
            }
            else if (b == ',' && depth == 0)
            {
                return i;
            }
        }

        return inString || depth != 0 ? -1 : text.Length;
    }

    private static bool ParseMember(ReadOnlySpan<byte> member, ref int urgency, ref bool incremental)
    {
        // RFC 8941 3.1.2: key = ( lcalpha / "*" ) *( lcalpha / DIGIT / "_" / "-" / "." / "*" )
        int k = 0;
        while (k < member.Length && IsKeyChar(member[k], first: k == 0))
        {
            k++;
        }

        if (k == 0)
        {
            return false;
        }

        var key = member[..k];
        var rest = member[k..];
        ReadOnlySpan<byte> item = "?1"u8; // a bare key is Boolean true
        if (!rest.IsEmpty && rest[0] == '=')
        {
            item = rest[1..];
        }
        else if (!rest.IsEmpty && rest[0] != ';')
        {
            return false;
        }

        int parameters = item.IndexOf((byte)';');
        if (parameters >= 0 && item[0] != '"' && item[0] != '(')
        {
            item = item[..parameters];
        }

        if (key.SequenceEqual("u"u8))
        {
            if (item.Length == 1 && item[0] is >= (byte)'0' and <= (byte)'7')
            {
                urgency = item[0] - '0';
            }
        }
        else if (key.SequenceEqual("i"u8))
        {
            if (item.SequenceEqual("?1"u8))
            {
                incremental = true;
            }
            else if (item.SequenceEqual("?0"u8))
            {
                incremental = false;
            }
        }

        return true;
    }

    private static bool IsKeyChar(byte b, bool first) =>
        b is (>= (byte)'a' and <= (byte)'z') or (byte)'*'
        || (!first && b is (>= (byte)'0' and <= (byte)'9') or (byte)'_' or (byte)'-' or (byte)'.');

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text) => text.Trim(" \t"u8);
}
