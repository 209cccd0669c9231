using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Infrastructure.Azure;

/// <summary>Sends Storage REST requests through Azure.Core's pipeline: retries (5xx, 408, 429 throttling, network
/// errors) with exponential back-off, then Shared Key or bearer-token authentication on every attempt.</summary>
internal sealed class StorageRestClient
{
    private const string StorageScope = "https://storage.azure.com/.default";
    private readonly HttpPipeline _pipeline;

    public StorageRestClient(StorageAccount account, TokenCredential? credential, TimeProvider time)
    {
        Account = account;
        HttpPipelinePolicy auth = account.AccountKey is { Length: > 0 } key
            ? new SharedKeyPolicy(account.AccountName, key)
            : new BearerTokenAuthenticationPolicy(
                credential ?? throw new ArgumentException($"Storage account {account} has no key and no token credential was given."),
                StorageScope);
        var options = new StorageRestOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 5;
        options.Retry.Delay = TimeSpan.FromMilliseconds(400);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        _pipeline = HttpPipelineBuilder.Build(options, [], [new StorageHeadersPolicy(time), auth], new ResponseClassifier());
    }

    public StorageAccount Account { get; }

    /// <summary>Builds a request to <paramref name="serviceEndpoint"/> + <paramref name="path"/> (already escaped).</summary>
    public HttpMessage Create(RequestMethod method, Uri serviceEndpoint, string path, params (string Name, string Value)[] query)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        var uri = new RequestUriBuilder();
        uri.Reset(serviceEndpoint);
        uri.AppendPath("/" + path, escape: false);
        foreach (var (name, value) in query)
        {
            uri.AppendQuery(name, value, escapeValue: true);
        }

        message.Request.Uri = uri;
        return message;
    }

    public async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken);
        return message.Response;
    }

    /// <summary>The service's error code (<c>x-ms-error-code</c>), e.g. <c>BlobNotFound</c>.</summary>
    public static string? ErrorCode(Response response) =>
        response.Headers.TryGetValue("x-ms-error-code", out string? code) ? code : null;

    /// <summary>An exception saying which resource failed and what the service answered.</summary>
    public static StorageException Failure(Response response, string operation, string resource)
    {
        string? code = ErrorCode(response);
        string detail = "";
        try
        {
            if (response.ContentStream is { CanSeek: true } && response.Content.ToMemory().Length > 0)
            {
                var error = XDocument.Parse(response.Content.ToString()).Root;
                code ??= error?.Element("Code")?.Value;
                detail = error?.Element("Message")?.Value.Split('\n')[0] ?? "";
            }
        }
        catch (System.Xml.XmlException)
        {
            // Not the documented XML error body; the status and code still say what happened.
        }

        return new StorageException(
            resource,
            response.Status,
            code,
            $"{operation} of {resource} failed: the service answered {response.Status} {response.ReasonPhrase} {code} {detail}".TrimEnd());
    }

    private sealed class StorageRestOptions : ClientOptions
    {
    }
}
