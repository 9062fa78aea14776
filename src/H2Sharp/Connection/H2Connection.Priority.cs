using System;
using System.Text;
using H2Sharp.Frames;

namespace H2Sharp;

/// <summary>Priority signals: RFC 7540 PRIORITY (h2's <c>prioritize</c>) and RFC 9218 PRIORITY_UPDATE (beyond h2).</summary>
public sealed partial class H2Connection
{
    private PriorityUpdateTracker? _priorityUpdates;

    private PriorityUpdateTracker PriorityUpdates => _priorityUpdates ??= new PriorityUpdateTracker(_core);

    /// <summary>
    /// Client only: sends RFC 7540 priority information for a stream in a PRIORITY frame (h2's
    /// <c>prioritize</c>). Any stream id will do, before it opens or after it closed: PRIORITY
    /// creates no stream state. Advisory; RFC 9113 deprecates this scheme (section 5.3.2), see
    /// <see cref="SendPriorityUpdate(int, ReadOnlySpan{byte})"/> for RFC 9218's.
    /// </summary>
    /// <param name="streamId">The stream to prioritize.</param>
    /// <param name="weight">1 to 256; default 16.</param>
    /// <param name="dependsOn">The parent stream; default 0 (none).</param>
    /// <param name="exclusive">Whether the dependency is exclusive; default false.</param>
    /// <exception cref="EndpointRoleException">A server called it (h2's <c>RFC1122Error</c>: "Servers SHOULD NOT prioritize streams").</exception>
    /// <exception cref="ArgumentOutOfRangeException">A stream id or weight is out of range.</exception>
    /// <exception cref="ArgumentException">The stream would depend on itself.</exception>
    /// <exception cref="InvalidOperationException">The connection is not started or is closed.</exception>
    public void Prioritize(int streamId, int? weight = null, int? dependsOn = null, bool? exclusive = null)
    {
        if (!Config.ClientSide)
        {
            throw new EndpointRoleException("Servers SHOULD NOT prioritize streams (h2's rule; RFC 7540 section 5.3 lets them, RFC 9113 deprecates it); only a client calls Prioritize.");
        }

        CallerChecks.CanSend(_core, ConnectionInput.SendPriority);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(streamId);
        int w = weight ?? 16;
        if (w is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), w, "A priority weight is 1 to 256.");
        }

        int parent = dependsOn ?? 0;
        ArgumentOutOfRangeException.ThrowIfNegative(parent, nameof(dependsOn));
        // RFC 7540 5.3.1 (dropped by RFC 9113, kept as h2 does): "A stream cannot depend on itself."
        if (parent == streamId)
        {
            throw new ArgumentException($"Stream {streamId} cannot depend on itself (RFC 7540 section 5.3.1); pass another dependsOn, or none.", nameof(dependsOn));
        }

        FrameWriter.WritePriority(_core.Out, streamId, new PriorityInfo(parent, w, exclusive ?? false));
        _core.Fsm.Process(ConnectionInput.SendPriority);
    }

    /// <summary>
    /// Beyond h2: client only, sends an RFC 9218 PRIORITY_UPDATE frame that sets the priority of a
    /// response, e.g. <c>u=1, i</c>. The stream may still be idle (not a push stream), within the
    /// server's SETTINGS_MAX_CONCURRENT_STREAMS counting idle prioritized streams (RFC 9218 section 7.1).
    /// RFC 9218 section 2.1.1 advises sending it only when the server sent SETTINGS_NO_RFC7540_PRIORITIES = 1.
    /// </summary>
    /// <param name="streamId">The request stream (or promised push stream) to prioritize.</param>
    /// <param name="priorityFieldValue">The Priority field value, printable ASCII (RFC 9218 section 5).</param>
    /// <exception cref="EndpointRoleException">A server called it.</exception>
    /// <exception cref="InvalidOperationException">The connection is not started or is closed.</exception>
    /// <exception cref="TooManyStreamsException">Too many idle streams are prioritized already.</exception>
    /// <exception cref="ArgumentException">The value is not printable ASCII or does not fit the peer's frame size, or the stream id is not positive or names a push stream not promised yet.</exception>
    public void SendPriorityUpdate(int streamId, ReadOnlySpan<byte> priorityFieldValue) => PriorityUpdates.Send(streamId, priorityFieldValue);

    /// <summary>Beyond h2: <see cref="SendPriorityUpdate(int, ReadOnlySpan{byte})"/> with the value as text.</summary>
    /// <param name="streamId">The request stream (or promised push stream) to prioritize.</param>
    /// <param name="priorityFieldValue">The Priority field value, e.g. <c>u=1, i</c>.</param>
    /// <exception cref="EndpointRoleException">A server called it.</exception>
    /// <exception cref="InvalidOperationException">The connection is not started or is closed.</exception>
    /// <exception cref="TooManyStreamsException">Too many idle streams are prioritized already.</exception>
    /// <exception cref="ArgumentException">The value is not printable ASCII or does not fit the peer's frame size, or the stream id is not positive or names a push stream not promised yet.</exception>
    public void SendPriorityUpdate(int streamId, string priorityFieldValue)
    {
        ArgumentNullException.ThrowIfNull(priorityFieldValue);
        foreach (char c in priorityFieldValue)
        {
            if (c > 0x7E)
            {
                throw new ArgumentException("A Priority field value is printable ASCII (RFC 9218 section 7.1).", nameof(priorityFieldValue));
            }
        }

        PriorityUpdates.Send(streamId, Encoding.ASCII.GetBytes(priorityFieldValue));
    }
}
