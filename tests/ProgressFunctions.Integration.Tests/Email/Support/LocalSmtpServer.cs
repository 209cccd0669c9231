using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ProgressFunctions.Integration.Tests.Email.Support;

/// <summary>A message the SMTP server took: the envelope (MAIL FROM, RCPT TO), the raw MIME, and who logged in.</summary>
internal sealed record ReceivedMail(string MailFrom, IReadOnlyList<string> RcptTo, byte[] Data, string? User);

/// <summary>A real SMTP server (the SmtpServer package) on 127.0.0.1 that keeps what it receives and answers DATA from a script.</summary>
/// <remarks>
/// Once the script runs out every message is accepted with 250. With credentials it advertises AUTH (without TLS,
/// which is allowed on loopback for the test) and refuses a wrong password with 535.
/// </remarks>
internal sealed class LocalSmtpServer : IDisposable
{
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private readonly ConcurrentQueue<SmtpResponse> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private int _sessions;

    public LocalSmtpServer((string User, string Password)? credentials = null, params SmtpResponse[] script)
    {
        _script = new ConcurrentQueue<SmtpResponse>(script);
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        if (credentials is { } c)
        {
            services.Add(new Authenticator(c.User, c.Password));
        }

        // A free port is found first and bound by the server after; if another test takes it in between, the server's
        // start fails at once ("Address already in use") and another port is tried.
        for (var attempt = 1; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var options = new SmtpServerOptionsBuilder()
                .ServerName("localhost")
                .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).AllowUnsecureAuthentication(credentials is not null).AuthenticationRequired(credentials is not null))
                .Build();
            _server = new SmtpServer.SmtpServer(options, services);
            _running = _server.StartAsync(_stop.Token);
            var failedToStart = Task.WhenAny(_running, Task.Delay(TimeSpan.FromMilliseconds(20))).GetAwaiter().GetResult() == _running && _running.IsFaulted;
            if (!failedToStart || attempt == 10)
            {
                break;
            }

            _ = _running.Exception;
        }

        _server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
    }

    public int Port { get; }

    public IReadOnlyList<ReceivedMail> Received => [.. _received];

    public int Sessions => Volatile.Read(ref _sessions);

    public void Dispose()
    {
        _stop.Cancel();
        _server.Shutdown();
        try
        {
            _running.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Cancelling the listener is the expected way out.
        }

        _stop.Dispose();
    }

    private sealed class Store(LocalSmtpServer server) : IMessageStore
    {
        public Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (server._script.TryDequeue(out var scripted) && scripted.ReplyCode != SmtpReplyCode.Ok)
            {
                return Task.FromResult(scripted);
            }

            var user = context.Properties.TryGetValue("user", out var u) ? u as string : null;
            server._received.Enqueue(new ReceivedMail(
                $"{transaction.From.User}@{transaction.From.Host}", [.. transaction.To.Select(t => $"{t.User}@{t.Host}")], buffer.ToArray(), user));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class Authenticator(string user, string password) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user1, string password1, CancellationToken cancellationToken)
        {
            var ok = user1 == user && password1 == password;
            if (ok)
            {
                context.Properties["user"] = user1;
            }

            return Task.FromResult(ok);
        }
    }
}
