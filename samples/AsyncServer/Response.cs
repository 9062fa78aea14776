namespace AsyncServer;

/// <summary>What a route answers: a status, a content type and the whole body.</summary>
internal sealed record Response(int Status, string ContentType, byte[] Body)
{
    /// <summary>HEAD: the headers of the GET response (content-length included), no body.</summary>
    public bool OmitBody { get; init; }

    public static Response Text(int status, string text) =>
        new(status, "text/plain; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(text));
}
