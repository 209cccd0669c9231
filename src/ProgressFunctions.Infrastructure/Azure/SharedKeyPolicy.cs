using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ProgressFunctions.Infrastructure.Azure;

/// <summary>Signs each attempt of a Storage request with Shared Key (Learn: "Authorize with Shared Key").</summary>
/// <remarks>Runs per retry, after every other header is set, because the signature covers the date and every
/// <c>x-ms-*</c> header. For path-style endpoints (Azurite) the URI path already holds the account, so it appears
/// twice in the canonical resource, which is what the emulator checks.</remarks>
internal sealed class SharedKeyPolicy(string accountName, string accountKey) : HttpPipelineSynchronousPolicy
{
    private readonly byte[] _key = Convert.FromBase64String(accountKey);

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        string Header(string name) => request.Headers.TryGetValue(name, out string? value) ? value : "";
        string contentLength = request.Content is not null && request.Content.TryComputeLength(out long length) && length > 0
            ? length.ToString(CultureInfo.InvariantCulture)
            : "";
        var builder = new StringBuilder();
        builder.Append(request.Method.Method.ToUpperInvariant()).Append('\n')
            .Append(Header("Content-Encoding")).Append('\n')
            .Append(Header("Content-Language")).Append('\n')
            .Append(contentLength).Append('\n')
            .Append(Header("Content-MD5")).Append('\n')
            .Append(Header("Content-Type")).Append('\n')
            .Append('\n') // Date: empty because x-ms-date is always sent.
            .Append(Header("If-Modified-Since")).Append('\n')
            .Append(Header("If-Match")).Append('\n')
            .Append(Header("If-None-Match")).Append('\n')
            .Append(Header("If-Unmodified-Since")).Append('\n')
            .Append(Header("Range")).Append('\n');
        foreach (var header in request.Headers
            .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(header.Name).Append(':').Append(header.Value).Append('\n');
        }

        var uri = request.Uri.ToUri();
        builder.Append('/').Append(accountName).Append(uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath);
        var query = HttpUtility.ParseQueryString(uri.Query);
        foreach (string? name in query.AllKeys.Where(k => k is not null).OrderBy(k => k!.ToLowerInvariant(), StringComparer.Ordinal))
        {
            var values = (query.GetValues(name) ?? []).Order(StringComparer.Ordinal);
            builder.Append('\n').Append(name!.ToLowerInvariant()).Append(':').Append(string.Join(',', values));
        }

        string signature = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(builder.ToString())));
        request.Headers.SetValue("Authorization", $"SharedKey {accountName}:{signature}");
    }
}

/// <summary>Sets the service version and the request date on every attempt.</summary>
internal sealed class StorageHeadersPolicy(TimeProvider time) : HttpPipelineSynchronousPolicy
{
    /// <summary>Old enough for every Azurite since 3.22 and for Azure; new enough for bearer tokens (2017-11-09).</summary>
    public const string ServiceVersion = "2021-12-02";

    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue("x-ms-version", ServiceVersion);
        message.Request.Headers.SetValue("x-ms-date", time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture));
    }
}
