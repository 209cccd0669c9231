using System.Xml.Linq;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Core.Imports.Ctf.CtfReader;

namespace ProgressFunctions.Core.Imports.Ctf;

/// <summary>A CTF pupil record's <c>Attendance/YearData</c>: per-session marks (<c>AttendStartDate</c> + <c>AttendMarks</c>), else the year's totals.</summary>
internal static class CtfAttendance
{
    /// <summary>Reads the pupil's per-session marks into <paramref name="sink"/>, or their year totals where a year has no marks; returns the marks placed.</summary>
    public static long Read(XElement pupil, string pupilId, int line, AttendanceSink sink, string file, List<AttendanceSummary> summaries, List<ImportIssue> issues)
    {
        var placed = 0L;
        foreach (var year in Children(Child(pupil, "Attendance"), "YearData"))
        {
            var marks = Value(year, "AttendMarks");
            if (marks.Length > 0)
            {
                var startText = Value(year, "AttendStartDate");
                if (TryDate(startText, out var start))
                {
                    placed += ReadMarks(sink, pupilId, start, marks, file, line, issues);
                }
                else
                {
                    // Without the date of its first character no mark can be placed: the year's totals would stand in silently.
                    issues.Add(ImportIssue.Error(file, line, "AttendStartDate", startText,
                        (startText.Length == 0 ? "AttendMarks has no AttendStartDate" : $"'{startText}' is not a date (use yyyy-MM-dd)") + ": none of this year's marks are imported"));
                }

                continue;
            }

            int Int(string name) => int.TryParse(Value(year, name), out var n) ? n : 0;
            var academicYear = int.TryParse(Value(year, "Year"), out var y) ? new AcademicYear(y) : default;
            summaries.Add(new AttendanceSummary(pupilId, academicYear, Int("SessionsPossible"), Int("SessionsAttended"), Int("SessionsAuthorised"), Int("SessionsUnauthorised")));
        }

        return placed;
    }

    /// <summary>Two characters per calendar day from the start date (AM then PM); '-' is no mark.</summary>
    private static long ReadMarks(AttendanceSink sink, string pupilId, DateOnly start, string marks, string file, int line, List<ImportIssue> issues)
    {
        var placed = 0L;
        var register = sink.Registers.RegisterFor(pupilId);
        for (var i = 0; i < marks.Length; i++)
        {
            var c = marks[i];
            if (c == CtfCodes.NoMark)
            {
                continue;
            }

            var date = start.AddDays(i / 2);
            var session = (SessionOfDay)(i % 2);
            if (!AttendanceCode.TryParse(marks.AsSpan(i, 1), out var code))
            {
                issues.Add(ImportIssue.Error(file, line, "AttendMarks", c.ToString(), AttendanceCode.Unknown(c.ToString(), $"for {date:yyyy-MM-dd} {session.ToString().ToUpperInvariant()}")));
                continue;
            }

            if (AttendanceCsv.Place(sink, register, date, session, code, null, file, line, issues))
            {
                placed++;
            }
        }

        return placed;
    }
}
