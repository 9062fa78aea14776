namespace H2Sharp.Events;

/// <summary>
/// A 1xx informational response arrived (client side; h2's <c>InformationalResponseReceived</c>).
/// Any number may precede the final response.
/// </summary>
public sealed record InformationalResponseReceived : HeaderBlockReceived;
