using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Jobs;

// Staff messages no one can receive: recorded for progress not-sent, and summed up in the run's message.
public sealed partial class AttendanceCheckJob
{
    /// <summary>"; 4 staff messages not sent (no e-mail address): S003 (attendance digest, call list, weekly summary), S006 (attendance digest)", and the same for roles nobody holds.</summary>
    /// <remarks>Staff ids and role names only: no one's name or address goes to the terminal or the log.</remarks>
    internal static string NotSentLine(IReadOnlyList<NotDecided> notReached)
    {
        if (notReached.Count == 0)
        {
            return "";
        }

        static string Kind(ReportKind kind) => kind switch
        {
            ReportKind.AttendanceDigest => "attendance digest",
            ReportKind.CallList => "call list",
            ReportKind.WeeklySummary => "weekly summary",
            ReportKind.MentorDigest => "mentor digest",
            ReportKind.ExportOverdue => "export overdue notice",
            var other => other.ToString(),
        };

        string Part(IEnumerable<NotDecided> group, string why)
        {
            var list = group.ToList();
            var who = list.GroupBy(n => n.RecipientId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} ({string.Join(", ", g.Select(n => Kind(n.Kind)).Distinct())})");
            return $"; {list.Count} staff message{(list.Count == 1 ? "" : "s")} not sent ({why}): {string.Join(", ", who)}";
        }

        var noAddress = notReached.Where(n => n.Reason.StartsWith(Reports.Routing.StaffRouting.NoAddressReason, StringComparison.Ordinal)).ToList();
        var other = notReached.Except(noAddress).ToList();
        return (noAddress.Count > 0 ? Part(noAddress, "no e-mail address") : "") + (other.Count > 0 ? Part(other, "nobody to send to") : "")
            + "; progress not-sent --date lists them";
    }

    /// <summary>Records staff messages that cannot be addressed, under the check's day, so <c>progress not-sent --date</c> lists them.</summary>
    private async Task RecordNotReachedAsync(CheckDecisions.CheckRunInputs run, IEnumerable<NotDecided> notReached, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await outgoing.RecordUndeliveredAsync(run.SchoolId, notReached.Select(n => new UndeliveredRecord(n.ReportId, n.Kind, n.RecipientId, [], n.Reason, now) { Day = run.AsOf }), cancellationToken);
    }
}
