using System;
using System.Collections;
using System.Collections.Generic;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace H2Sharp.AspNetCore;

/// <content>The feature collection: a fixed table of the features this server provides, each
/// replaceable by middleware, and a dictionary (kept across requests) for the others.</content>
internal sealed partial class StreamFeatures<TContext> : IFeatureCollection
{
    /// <summary>The features the server provides, in the order of <see cref="_slots"/>.</summary>
    private static readonly Type[] s_knownTypes =
    [
        typeof(IHttpRequestFeature),
        typeof(IHttpResponseFeature),
        typeof(IHttpResponseBodyFeature),
        typeof(IHttpRequestBodyDetectionFeature),
        typeof(IHttpResponseTrailersFeature),
        typeof(IHttpResetFeature),
        typeof(IHttpRequestLifetimeFeature),
        typeof(IHttpConnectionFeature),
        typeof(IHttpMaxRequestBodySizeFeature),
        typeof(IHttpExtendedConnectFeature),
        typeof(IHttpRequestIdentifierFeature),
        typeof(IRequestBodyPipeFeature),
        typeof(IHttpBodyControlFeature),
        typeof(IHttpRequestTrailersFeature),
        // Routing's: without them it allocates a feature object for every request (as Kestrel, this object is both).
        typeof(IEndpointFeature),
        typeof(IRouteValuesFeature),
        // The TLS features exist only on TLS connections: middleware tests them for null.
        typeof(ITlsConnectionFeature),
        typeof(ITlsHandshakeFeature),
    ];

    /// <summary>Index of the first TLS-only entry in <see cref="s_knownTypes"/>.</summary>
    private const int FirstTlsSlot = 16;

    private readonly object?[] _slots = new object?[s_knownTypes.Length];
    private Dictionary<Type, object>? _extraFeatures;
    private int _revision;

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc />
    public int Revision => _revision;

    /// <inheritdoc />
    public object? this[Type key]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(key);
            int slot = SlotOf(key);
            if (slot >= 0)
            {
                return _slots[slot];
            }
            return _extraFeatures is not null && _extraFeatures.TryGetValue(key, out object? value) ? value : null;
        }
        set
        {
            ArgumentNullException.ThrowIfNull(key);
            _revision++;
            int slot = SlotOf(key);
            if (slot >= 0)
            {
                _slots[slot] = value;
                return;
            }
            if (value is null)
            {
                _extraFeatures?.Remove(key);
                return;
            }
            (_extraFeatures ??= [])[key] = value;
        }
    }

    /// <inheritdoc />
    public TFeature? Get<TFeature>() => (TFeature?)this[typeof(TFeature)];

    /// <inheritdoc />
    public void Set<TFeature>(TFeature? instance) => this[typeof(TFeature)] = instance;

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<Type, object>> GetEnumerator()
    {
        for (int i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] is { } feature)
            {
                yield return new KeyValuePair<Type, object>(s_knownTypes[i], feature);
            }
        }
        if (_extraFeatures is not null)
        {
            foreach (KeyValuePair<Type, object> pair in _extraFeatures)
            {
                yield return pair;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static int SlotOf(Type key)
    {
        Type[] known = s_knownTypes;
        for (int i = 0; i < known.Length; i++)
        {
            if (ReferenceEquals(known[i], key))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Puts this object back in every slot (undoing what middleware replaced) and bumps the revision so cached lookups refresh.</summary>
    private void ResetFeatureSlots()
    {
        bool tls = IsTls;
        for (int i = 0; i < _slots.Length; i++)
        {
            _slots[i] = i < FirstTlsSlot || tls ? this : null;
        }
        _extraFeatures?.Clear();
        _revision++;
    }
}
