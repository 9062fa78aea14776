using System.Net;
using System.Net.Sockets;

namespace H2Sharp.Interop.Tests.Support;

/// <summary>
/// H2Connection as a server on 127.0.0.1 (free port): one thread per accepted connection, each
/// running an <see cref="H2SocketDriver"/> that answers requests with <see cref="TestRoutes"/>
/// (or a handler the test gives). Connections stay for inspection after they end.
/// </summary>
internal sealed class H2TestServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Thread _acceptThread;
    private readonly List<Thread> _threads = new();
    private readonly List<H2SocketDriver> _connections = new();
    private readonly List<Exception> _failures = new();
    private readonly Func<H2Configuration> _config;
    private readonly Action<H2SocketDriver, H2StreamRecord> _handler;
    private volatile bool _stopping;

    public H2TestServer(Action<H2SocketDriver, H2StreamRecord>? handler = null, Func<H2Configuration>? config = null, bool recordInbound = false)
    {
        _handler = handler ?? TestRoutes.Handle;
        _config = config ?? (() => new H2Configuration { ClientSide = false });
        RecordInbound = recordInbound;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "h2-test-accept" };
        _acceptThread.Start();
    }

    public int Port { get; }

    public string Authority => $"127.0.0.1:{Port}";

    public bool RecordInbound { get; }

    /// <summary>A snapshot of the connections accepted so far.</summary>
    public List<H2SocketDriver> Connections { get { lock (_connections) { return _connections.ToList(); } } }

    /// <summary>Waits until <paramref name="count"/> connections were accepted and all of them ended.</summary>
    public List<H2SocketDriver> WaitForConnectionsToEnd(int count, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            List<Thread> threads;
            lock (_connections)
            {
                threads = _threads.ToList();
            }
            if (threads.Count >= count && threads.TrueForAll(t => !t.IsAlive))
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Expected {count} finished connections within {timeoutSeconds} s; have {threads.Count}, alive {threads.Count(t => t.IsAlive)}.");
            Thread.Sleep(20);
        }
        AssertNoFailures();
        return Connections;
    }

    /// <summary>Fails the test if a connection thread threw anything (a bug in H2Sharp or in the driver).</summary>
    public void AssertNoFailures()
    {
        lock (_failures)
        {
            Assert.True(_failures.Count == 0, "Server thread failed: " + string.Join("\n", _failures));
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _listener.Stop();
        _acceptThread.Join(TimeSpan.FromSeconds(5));
        List<Thread> threads;
        lock (_connections)
        {
            threads = _threads.ToList();
        }
        foreach (Thread t in threads)
        {
            t.Join(TimeSpan.FromSeconds(5));
        }
        foreach (H2SocketDriver c in Connections)
        {
            c.Dispose();
        }
    }

    private void AcceptLoop()
    {
        while (!_stopping)
        {
            Socket socket;
            try
            {
                socket = _listener.AcceptSocket();
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (InvalidOperationException) when (_stopping)
            {
                // Dispose stopped the listener between the loop's check and AcceptSocket.
                return;
            }
            var driver = new H2SocketDriver(socket, _config(), RecordInbound) { RequestComplete = _handler };
            var thread = new Thread(() => Serve(driver)) { IsBackground = true, Name = "h2-test-conn" };
            lock (_connections)
            {
                _connections.Add(driver);
                _threads.Add(thread);
            }
            thread.Start();
        }
    }

    private void Serve(H2SocketDriver driver)
    {
        try
        {
            driver.Connection.InitiateConnection();
            driver.Flush();
            while (!_stopping && driver.PumpOnce(TimeSpan.FromMilliseconds(200)))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException && _stopping)
        {
            // Torn down by Dispose.
        }
        catch (IOException)
        {
            // The peer went away while we were writing.
        }
        catch (Exception ex)
        {
            lock (_failures)
            {
                _failures.Add(ex);
            }
        }
        finally
        {
            driver.Dispose();
        }
    }
}
