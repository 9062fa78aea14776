using System;
using System.Globalization;
using System.Text;

namespace H2Sharp.Server;

/// <summary>
/// Strings and fields the server would otherwise make per request: method names decoded once,
/// and a ready <c>:status</c> field for every status code.
/// </summary>
internal static class KnownValues
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "CONNECT", "TRACE"];
    private static readonly byte[][] MethodBytes = Array.ConvertAll(Methods, Encoding.ASCII.GetBytes);
    private static readonly HeaderField[] Statuses = MakeStatuses();

    public static string Method(ReadOnlySpan<byte> bytes)
    {
        for (int i = 0; i < MethodBytes.Length; i++)
        {
            if (bytes.SequenceEqual(MethodBytes[i]))
            {
                return Methods[i];
            }
        }
        return Encoding.ASCII.GetString(bytes);
    }

    /// <summary>The <c>:status</c> field for 100 to 999 (the status codes HTTP allows, RFC 9110 section 15).</summary>
    public static HeaderField Status(int code) => Statuses[code - 100];

    private static HeaderField[] MakeStatuses()
    {
        var name = Encoding.ASCII.GetBytes(":status");
        var fields = new HeaderField[900];
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = new HeaderField(name, Encoding.ASCII.GetBytes((i + 100).ToString(CultureInfo.InvariantCulture)));
        }
        return fields;
    }
}
