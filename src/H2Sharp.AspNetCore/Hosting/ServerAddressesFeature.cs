using System.Collections.Generic;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace H2Sharp.AspNetCore;

/// <summary>The addresses the host asks for (URLs) and, once started, those the server is bound to.</summary>
internal sealed class ServerAddressesFeature : IServerAddressesFeature
{
    /// <inheritdoc />
    public ICollection<string> Addresses { get; } = new List<string>();

    /// <inheritdoc />
    public bool PreferHostingUrls { get; set; }
}
