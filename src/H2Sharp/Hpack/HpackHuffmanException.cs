using System;

namespace H2Sharp.Hpack;

/// <summary>
/// A Huffman-coded string was invalid: it contained EOS, or its padding was longer than 7 bits or not all ones (RFC 7541 section 5.2). COMPRESSION_ERROR, connection-scoped.
/// </summary>
public class HpackHuffmanException : HpackDecodingException
{
    /// <summary>Creates the exception with a default message.</summary>
    public HpackHuffmanException() : base("A Huffman-coded string is invalid.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong.</param>
    public HpackHuffmanException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public HpackHuffmanException(string message, Exception innerException) : base(message, innerException) { }
}
