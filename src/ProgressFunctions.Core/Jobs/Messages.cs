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
    /// <summary>To the data managers and the headteacher: a batch of parent messages to review before it goes.</summary>
    BatchPreview,
    /// <summary>To governors and the headteacher: the term's figures by pupil group, with the disadvantage gap; no pupil named.</summary>
    Governors,
    /// <summary>To the attendance officers, once the morning register is in: pupils absent with no reason given, whom to call, and today's late arrivals.</summary>
    CallList,
    /// <summary>To each progress mentor, weekly: their mentees only.</summary>
    MentorDigest,
    /// <summary>To the attendance officers and the headteacher, weekly: the penalty-notice threshold and continuous absence lists.</summary>
    WeeklySummary,
    /// <summary>To the data managers, once per spell: school days before today that no imported export has a register for.</summary>
    ExportOverdue,
}

/// <summary>The queue message that sends one decided message: the school and the message's id, nothing else.</summary>
/// <remarks>Everything the send needs is in the stored <see cref="Sending.OutgoingMessage"/>; the queue never carries personal data.</remarks>
public sealed record SendRequest(string SchoolId, string OutgoingId);

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
        SendRequest r when string.IsNullOrWhiteSpace(r.SchoolId) || string.IsNullOrWhiteSpace(r.OutgoingId)
            => "SendRequest needs schoolId and outgoingId",
        _ => null,
    };
}
