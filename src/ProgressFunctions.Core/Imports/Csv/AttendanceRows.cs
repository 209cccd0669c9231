using ProgressFunctions.Core.Attendance;

namespace ProgressFunctions.Core.Imports.Csv;

/// <summary>The checks and placement of one <c>attendance.csv</c> row, given its fields as spans.</summary>
/// <remarks>
/// Kept apart from the reading so that the rules are written once, whatever splits the fields (the benchmarks feed
/// the same rows from another CSV parser to compare the readers alone). The pupil and date of the previous row are
/// reused (exports are sorted by pupil then date), so nothing is allocated per row except for problems reported.
/// </remarks>
internal sealed class AttendanceRows(AttendanceSink sink, PupilIndex? pupils, ICollection<ImportIssue> issues, string file)
{
    private readonly PupilLookup _lookup = new(sink.Registers, pupils);
    private readonly char[] _lastDate = new char[16];
    private int _lastDateLength = -1;
    private DateOnly _date;
    private PupilRegister? _lastRegister;

    public long Accepted { get; private set; }

    /// <summary>How the file's dates read (each new date text once), to keep a month-first file out.</summary>
    public DateOrderTally Dates { get; } = new();

    /// <summary>Checks and stores one row; <paramref name="late"/> and <paramref name="reason"/> are empty when the file has no such column.</summary>
    public void Add(int line, ReadOnlySpan<char> upnField, ReadOnlySpan<char> dateField, ReadOnlySpan<char> sessionField,
        ReadOnlySpan<char> markField, ReadOnlySpan<char> late, ReadOnlySpan<char> reason)
    {
        var upn = upnField.Trim();
        var register = _lookup.Find(upn, out var upnProblem);
        if (register is null)
        {
            if (upnProblem is not null)
            {
                issues.Add(ImportIssue.Error(file, line, AttendanceCsv.Upn.Name, upn.ToString(), upnProblem));
            }

            if (pupils is not null && FieldParse.TryDate(dateField.Trim(), out var marked))
            {
                pupils.MarkedUnlisted(upn.ToString().ToUpperInvariant(), marked);
            }

            return;
        }

        if (!ReferenceEquals(register, _lastRegister))
        {
            // Rows come sorted by pupil: noted once per run of a pupil's rows, not per row.
            pupils?.Mentioned(register.PupilId, file, line, AttendanceCsv.Upn.Name);
            _lastRegister = register;
        }

        if (!TryDate(dateField.Trim(), line))
        {
            return;
        }

        if (!FieldParse.TrySession(sessionField, out var session))
        {
            var text = sessionField.Trim().ToString();
            issues.Add(ImportIssue.Error(file, line, AttendanceCsv.Session.Name, text, $"'{text}' is not a session (AM or PM)"));
            return;
        }

        if (!AttendanceCode.TryParse(markField.Trim(), out var code))
        {
            var raw = markField.Trim().ToString();
            issues.Add(ImportIssue.Error(file, line, AttendanceCsv.Mark.Name, raw, AttendanceCode.Unknown(raw)));
            return;
        }

        int? minutes = null;
        if (!late.Trim().IsEmpty)
        {
            if (!FieldParse.TryInt(late, out var m) || m < 0)
            {
                issues.Add(ImportIssue.Error(file, line, AttendanceCsv.MinutesLate.Name, late.Trim().ToString(), "minutes late must be a whole number of minutes, 0 or more"));
                return;
            }

            minutes = m;
        }

        if (AttendanceCsv.Place(sink, register, _date, session, code, minutes, file, line, issues))
        {
            Accepted++;
            if (!reason.Trim().IsEmpty)
            {
                LateReasons.Place(sink, register, _date, session, reason.Trim().ToString(), file, line, issues);
            }
        }
    }

    /// <summary>Parses the date unless it repeats the previous row's text; false (with an error) when it is not a date.</summary>
    private bool TryDate(ReadOnlySpan<char> text, int line)
    {
        if (_lastDateLength >= 0 && text.SequenceEqual(_lastDate.AsSpan(0, _lastDateLength)))
        {
            return true;
        }

        if (!FieldParse.TryDate(text, out _date))
        {
            _lastDateLength = -1;
            issues.Add(ImportIssue.Error(file, line, AttendanceCsv.Date.Name, text.ToString(), Dates.Note(text, parsed: false, line)!));
            return false;
        }

        Dates.Note(text, parsed: true, line, _date);
        _lastDateLength = text.Length <= _lastDate.Length ? text.Length : -1;
        if (_lastDateLength >= 0)
        {
            text.CopyTo(_lastDate);
        }

        return true;
    }
}
