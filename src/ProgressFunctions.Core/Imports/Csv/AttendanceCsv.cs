using System.Globalization;
using ProgressFunctions.Core.Attendance;

namespace ProgressFunctions.Core.Imports.Csv;

/// <summary><c>attendance.csv</c>: one row per pupil per session, streamed straight into registers.</summary>
/// <remarks>
/// Built for 19 million rows: fields are spans over the reader's buffer, and <see cref="AttendanceRows"/> allocates
/// nothing per row except for problems reported.
/// </remarks>
public static class AttendanceCsv
{
    public const string FileName = "attendance.csv";

    public static readonly CsvColumn Upn = new("UPN", true, "Pupil UPN", "Unique Pupil Number");
    public static readonly CsvColumn Date = new("Date", true, "Session Date", "Attendance Date");
    public static readonly CsvColumn Session = new("Session", true, "AM/PM", "AMPM", "Session Name");
    public static readonly CsvColumn Mark = new("Mark", true, "Code", "Attendance Mark", "Attendance Code");
    public static readonly CsvColumn MinutesLate = new("Minutes Late", false, "Mins Late", "Late Minutes");
    public static readonly CsvColumn LateReason = new("Late Reason", false, "Reason Late", "Lateness Reason", "Late Comment");

    public static IReadOnlyList<CsvColumn> Columns { get; } = [Upn, Date, Session, Mark, MinutesLate, LateReason];

    /// <summary>
    /// Reads every row into <paramref name="sink"/>'s registers; returns the number of rows accepted.
    /// <paramref name="pupils"/> is the pupils of the export, or null to accept any valid UPN (a registers-only file).
    /// </summary>
    public static long Read(TextReader text, AttendanceSink sink, PupilIndex? pupils, ICollection<ImportIssue> issues, string file = FileName)
    {
        var reader = new CsvReader(text);
        if (!reader.Read())
        {
            issues.Add(CsvTable.Empty(file));
            return 0;
        }

        var map = HeaderMap.Match(reader, file, Columns, issues);
        if (map is null)
        {
            return 0;
        }

        var (iUpn, iDate, iSession, iMark, iLate, iReason) = (map[Upn], map[Date], map[Session], map[Mark], map[MinutesLate], map[LateReason]);
        sink.Registers.HasLateReasonColumn |= iReason >= 0;
        sink.Registers.HasMinutesLateColumn |= iLate >= 0;
        var width = reader.FieldCount;
        var header = CsvTable.HeaderCells(reader);
        var rows = new AttendanceRows(sink, pupils, issues, file);
        while (reader.Read())
        {
            if (reader.IsBlank)
            {
                continue;
            }

            if (CsvTable.CutShort(reader, file, width) is { } cut)
            {
                // The bundle keeps no mark of a file refused whole: the marks placed so far are dropped with the sink.
                issues.Add(cut);
                return 0;
            }

            if (!CsvTable.CheckShape(reader, file, width, issues) || CsvTable.RepeatsHeader(reader, header, file, issues))
            {
                continue;
            }

            rows.Add(reader.Line, reader[iUpn], reader[iDate], reader[iSession], reader[iMark],
                iLate >= 0 ? reader[iLate] : [], iReason >= 0 ? reader[iReason] : []);
        }

        if ((rows.Dates.FileError(file, "marks") ?? rows.Dates.AmbiguousFileError(file, "marks", sink.MadeOn)) is { } monthFirst)
        {
            issues.Add(monthFirst);
            return 0;
        }

        if (AfterTheExportWarning(sink, file) is { } ahead)
        {
            issues.Add(ahead);
        }

        return rows.Accepted;
    }

    /// <summary>The marks dated after the export was made, in one warning: not stored, as no register is taken before its day.</summary>
    /// <remarks>
    /// An MIS exports marks entered ahead (a planned absence, a closure): they are imported once their day has passed.
    /// A date read the wrong way round (11/12 for 12 November) lands here too, so the warning names the first.
    /// </remarks>
    private static ImportIssue? AfterTheExportWarning(AttendanceSink sink, string file) => sink.AfterTheExport is { Count: > 0 } ahead
        ? ImportIssue.Warning(file, ahead.Line, Date.Name, ahead.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture,
            $"{ahead.Count} mark{(ahead.Count == 1 ? " is" : "s are")} dated after the day the export was made ({sink.MadeOn:yyyy-MM-dd}), the first {ahead.Date:yyyy-MM-dd} on this line: not imported. Marks entered ahead (a planned absence, a closure) are imported once their day has passed; if a date is wrong, check it is not written month first (MM/dd/yyyy) and that exportedAt in school.json is right"))
        : null;

    /// <summary>Applies one mark and reports what the import rules say about it; false when it was not stored.</summary>
    internal static bool Place(AttendanceSink sink, PupilRegister register, DateOnly date, SessionOfDay session, AttendanceCode code, int? minutes, string file, int line, ICollection<ImportIssue> issues)
    {
        switch (sink.Apply(register, date, session, code, out var previous))
        {
            case MarkOutcome.NotASchoolDay:
                issues.Add(ImportIssue.Error(file, line, Date.Name, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    $"{date:yyyy-MM-dd} is not a school day in the school's calendar (weekend, holiday, INSET day or outside the terms)"));
                return false;
            case MarkOutcome.SkippedClosure:
                return true;
            case MarkOutcome.AfterTheExport:
                // One warning for the file (AfterTheExportWarning): an MIS exports marks entered ahead, every day.
                sink.NoteAfterTheExport(line, date);
                return false;
            case MarkOutcome.Duplicate:
                var kept = register.Mark(date, session)!.Value;
                issues.Add(ImportIssue.Warning(file, line, Mark.Name, code.Code,
                    $"two marks for the {session.ToString().ToUpperInvariant()} session of {date:yyyy-MM-dd} ('{previous}' and '{code}'): kept the better mark '{kept}'"));
                break;
            default:
                break;
        }

        if (minutes is { } m && register.Mark(date, session) == code)
        {
            sink.Registers.SetMinutesLate(register.PupilId, AttendanceSink.SessionIndex(sink.Calendar, date, session), m);
        }

        return true;
    }
}

/// <summary>The late-reason column of attendance.csv: kept for late marks only, cleaned and cut to a length.</summary>
internal static class LateReasons
{
    public static void Place(AttendanceSink sink, PupilRegister register, DateOnly date, SessionOfDay session, string reason, string file, int line, ICollection<ImportIssue> issues)
    {
        if (register.Mark(date, session) is not { IsLate: true })
        {
            issues.Add(ImportIssue.Warning(file, line, AttendanceCsv.LateReason.Name, reason, $"a late reason is kept only for a late mark (L or U), not for '{register.Mark(date, session)}'"));
            return;
        }

        var text = Schools.PersonName.Clean(reason);
        if (text.Length > Attendance.LateReason.MaxLength)
        {
            issues.Add(ImportIssue.Warning(file, line, AttendanceCsv.LateReason.Name, reason[..20] + "...", $"a late reason is at most {Attendance.LateReason.MaxLength} characters; the rest is cut"));
            text = text[..Attendance.LateReason.MaxLength];
        }

        sink.Registers.SetLateReason(register.PupilId, AttendanceSink.SessionIndex(sink.Calendar, date, session), text);
    }
}
