using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ProgressFunctions.Integration.Tests.Email.Support;

/// <summary>A request the server received.</summary>
internal sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>A response to play back: status, headers and body.</summary>
internal sealed record ScriptedResponse(int Status, string Body = "", params (string Name, string Value)[] Headers);

/// <summary>An HTTP server on 127.0.0.1 that records every request and answers from a script.</summary>
/// <remarks>Once the script runs out it answers 202 with an <c>X-Message-Id</c>, like SendGrid.</remarks>
internal sealed class RecordingHttpServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<ScriptedResponse> _script;
    private readonly Task _loop;

    public RecordingHttpServer(params ScriptedResponse[] script)
    {
        _script = new ConcurrentQueue<ScriptedResponse>(script);
        (_listener, BaseUrl) = Listen();
        _loop = Task.Run(ServeAsync);
    }

    // HttpListener cannot bind port 0, so a free port is found first; between that and Start another test (or server)
    // may take it, which is "Address already in use": then another port is tried.
    private static (HttpListener Listener, Uri BaseUrl) Listen()
    {
        for (var attempt = 1; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var url = new Uri($"http://127.0.0.1:{port}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(url.ToString());
            try
            {
                listener.Start();
                return (listener, url);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by failing on the closed listener; that is the expected way out.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            _requests.Enqueue(new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body.ToArray()));

            var reply = _script.TryDequeue(out var next) ? next : new ScriptedResponse(202, "", ("X-Message-Id", $"msg-{_requests.Count}"));
            context.Response.StatusCode = reply.Status;
            foreach (var (name, value) in reply.Headers)
            {
                context.Response.Headers[name] = value;
            }
            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            if (bytes.Length > 0)
            {
                context.Response.ContentType = "application/json";
            }
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
