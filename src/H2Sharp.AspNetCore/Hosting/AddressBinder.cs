using System;
using System.Collections.Generic;
using System.Net;
using H2Sharp.Server;
using Microsoft.AspNetCore.Http;

namespace H2Sharp.AspNetCore;

/// <summary>
/// Turns the host's URLs (ASPNETCORE_URLS, <c>--urls</c>, <c>app.Urls</c>) into listeners, as
/// Kestrel does when its options configure no endpoint: <c>localhost</c> binds both loopbacks,
/// <c>*</c>, <c>+</c> and host names bind every address, an IP binds that IP.
/// </summary>
internal static class AddressBinder
{
    /// <summary>Kestrel's default when nothing is configured.</summary>
    public const string DefaultAddress = "http://localhost:5000";

    /// <summary>Adds a listener to <paramref name="options"/> for each URL.</summary>
    /// <exception cref="InvalidOperationException">A URL is not http or https, or an https URL has no certificate in ConfigureHttpsDefaults.</exception>
    public static void Bind(H2ServerOptions options, IEnumerable<string> urls)
    {
        foreach (string url in urls)
        {
            BindingAddress address = BindingAddress.Parse(url);
            bool https = string.Equals(address.Scheme, "https", StringComparison.OrdinalIgnoreCase);
            if (!https && !string.Equals(address.Scheme, "http", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"H2Sharp cannot listen on '{url}': only http:// and https:// URLs are supported.");
            }
            Action<H2ListenOptions>? configure = https ? static listen => listen.UseHttps() : null;
            int port = address.Port;
            if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                options.ListenLocalhost(port, configure);
            }
            else if (IPAddress.TryParse(address.Host.Trim('[', ']'), out IPAddress? ip))
            {
                options.Listen(ip, port, configure);
            }
            else
            {
                options.ListenAnyIP(port, configure);
            }
        }
    }
}
