using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace ProgressFunctions.Infrastructure.Email;

/// <summary>Which HTTP responses of an e-mail API are retried, and how long to wait before the next attempt.</summary>
/// <remarks>
/// 429 and 5xx are transient; every other non-success status is final. The wait is what the server asks for, when
/// it says: <c>X-RateLimit-Reset</c> (unix seconds, as SendGrid documents) or else <c>Retry-After</c> (seconds or an
/// HTTP date, as Microsoft Graph sends it). Otherwise it is exponential from the provider's initial delay, capped at
/// its maximum. Jitter is left out: one sender per process sends in sequence.
/// </remarks>
internal static class ProviderRetry
{
    public static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>The wait the server asked for, or null when it named none.</summary>
    public static TimeSpan? RequestedDelay(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var resetSeconds))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(resetSeconds) - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        if (headers.RetryAfter is { } retryAfter)
        {
            var wait = retryAfter.Delta ?? (retryAfter.Date - now) ?? TimeSpan.Zero;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    /// <summary>Exponential back-off after failed attempt <paramref name="attempt"/> (1-based), capped at <paramref name="max"/>.</summary>
    public static TimeSpan Backoff(int attempt, TimeSpan initial, TimeSpan max)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(initial.Ticks * factor, max.Ticks));
    }
}
