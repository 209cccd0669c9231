using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProgressFunctions.Core.Jobs;

/// <summary>The queues and blob containers the jobs use; infrastructure as code provisions exactly these.</summary>
public static class JobResources
{
    public const string SchoolJobsQueue = "school-jobs";
    public const string ReportRequestsQueue = "report-requests";
    public const string ExportsContainer = "mis-exports";
    public const string RejectedContainer = "mis-exports-rejected";
    public const string ReportsContainer = "reports";
}

public enum SchoolJobKind
{
    CheckAttendance,
    TakeSnapshots,
}

/// <summary>One school's job for one day, queued by the morning timer (one message per school and job).</summary>
public sealed record SchoolJobMessage(string SchoolId, SchoolJobKind Job, DateOnly AsOf);

public enum ReportKind
{
    Parent,
    AttendanceDigest,
    YearGroup,
    Subject,
    Sen,
    WholeSchool,
    Ks2,
    ImportErrors,
    AttendanceLetter,
    /// <summary>To the data managers: reports held back at send because the stored data no longer matched the decision.</summary>
    ReportsHeldBack,
}

/// <summary>A request to render and send one report to one recipient (a contact or a member of staff).</summary>
/// <remarks>
/// <see cref="Source"/> names what the report is built from: a snapshot id for term reports, an ISO date for the
/// attendance digest. <see cref="Scope"/> is the year group or subject for group reports. A parent request carries
/// every child of the contact in <see cref="PupilIds"/>, so the contact gets one e-mail with each child's report.
/// </remarks>
public sealed record ReportRequest(string SchoolId, ReportKind Kind, string Source, string RecipientId, string? Scope = null, IReadOnlyList<string>? PupilIds = null)
{
    /// <summary>The report's identity in the send ledger: the same request always has the same id.</summary>
    public string ReportId => Scope is null ? $"{Kind}.{Source}" : $"{Kind}.{Source}.{Scope}";
}

/// <summary>Reads and writes queue message bodies as camelCase JSON with enum names, rejecting malformed ones.</summary>
public static class QueueMessages
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static string Write<T>(T message) => JsonSerializer.Serialize(message, s_json);

    /// <summary>The message, or a one-line reason it cannot be read (which the caller poisons, never retries).</summary>
    public static (T? Message, string? Error) Read<T>(string body)
        where T : class
    {
        try
        {
            var message = JsonSerializer.Deserialize<T>(body, s_json);
            return message is null ? (null, $"empty {typeof(T).Name}") : (message, Validate(message));
        }
        catch (JsonException e)
        {
            return (null, $"malformed {typeof(T).Name}: {e.Message}");
        }
    }

    private static string? Validate(object message) => message switch
    {
        SchoolJobMessage m when string.IsNullOrWhiteSpace(m.SchoolId) => "SchoolJobMessage has no schoolId",
        ReportRequest r when string.IsNullOrWhiteSpace(r.SchoolId) || string.IsNullOrWhiteSpace(r.Source) || string.IsNullOrWhiteSpace(r.RecipientId)
            => "ReportRequest needs schoolId, source and recipientId",
        _ => null,
    };
}
