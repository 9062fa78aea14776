namespace H2Sharp.Http.Connections;

/// <summary>One pool per origin: TLS or not, host (IDN form) and port.</summary>
internal readonly record struct PoolKey(bool Secure, string Host, int Port);
