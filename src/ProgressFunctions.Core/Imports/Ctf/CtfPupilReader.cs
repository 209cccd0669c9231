using System.Xml.Linq;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Core.Imports.Ctf.CtfReader;

namespace ProgressFunctions.Core.Imports.Ctf;

/// <summary>Turns each <c>&lt;Pupil&gt;</c> element of a CTF into model records, reporting problems against its line.</summary>
internal sealed class CtfPupilReader(string file, SchoolCalendar calendar, GradeScaleSet scales)
{
    private readonly List<Pupil> _pupils = [];
    private readonly Dictionary<string, Contact> _contacts = new(StringComparer.Ordinal);
    private readonly List<ContactLink> _links = [];
    private readonly List<AttendanceSummary> _summaries = [];
    private readonly List<AssessmentResult> _assessments = [];
    private readonly HashSet<string> _upns = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _withContacts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RowRef> _rows = new(StringComparer.Ordinal);
    private readonly AttendanceSink _sink = new(new AttendanceRegisters(calendar));
    private SchoolProfile? _profile;
    private long _marks;

    public List<ImportIssue> Issues { get; } = [];

    private DateTimeOffset? _exportedAt;

    public void Header(XElement header)
    {
        // The CTF header's DateTime is local time in England; it orders exports, so the offset of the day is applied.
        if (DateTime.TryParse(Value(header, "DateTime"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at))
        {
            _exportedAt = new DateTimeOffset(at, SchoolClock.TimeZone.GetUtcOffset(at));
        }

        var source = Child(header, "SourceSchool");
        _profile = new SchoolProfile
        {
            Urn = Value(source, "URN"),
            Name = Value(source, "SchoolName"),
            LocalAuthority = Value(source, "LEA"),
            Establishment = Value(source, "Estab"),
            Terms = calendar.Terms,
            InsetDays = [.. calendar.InsetDays.Order()],
            Calendar = calendar,
        };
    }

    public void Pupil(XElement pupil, int line)
    {
        var basic = Child(pupil, "BasicDetails") ?? pupil;
        var upn = Value(pupil, "UPN").ToUpperInvariant();
        if (upn.Length == 0)
        {
            upn = Value(basic, "UPN").ToUpperInvariant();
        }

        if (Upn.Check(upn) is { } reason)
        {
            Issues.Add(ImportIssue.Error(file, line, "UPN", upn, reason));
            return;
        }

        if (!_upns.Add(upn))
        {
            Issues.Add(ImportIssue.Error(file, line, "UPN", upn, "duplicate UPN: another pupil in this file already has it"));
            return;
        }

        var id = RecordIds.PupilFromUpn(upn);
        _rows[id] = new RowRef(file, line);
        var senProvision = Children(Child(pupil, "SENhistory"), "SEN").Select(s => Value(s, "SENprovision")).LastOrDefault() ?? "";
        var fsm = Children(Child(pupil, "FSMhistory"), "FSMinstance").Any(f => Value(f, "FSMendDate").Length == 0);
        var firstLanguage = Value(basic, "FirstLanguage");
        _pupils.Add(new Pupil
        {
            Id = id,
            Upn = upn,
            LegalSurname = Clean(First(basic, "Surname", "LegalSurname"), "Surname", line),
            LegalForename = Clean(First(basic, "Forename", "LegalForename"), "Forename", line),
            PreferredForename = Name(basic, "PreferredForename", line) is { Length: > 0 } p ? p : null,
            DateOfBirth = TryDate(Value(basic, "DOB"), out var dob) ? dob : null,
            Gender = First(basic, "Gender", "Sex"),
            YearGroup = Value(basic, "NCyearActual") is var y && int.TryParse(y, out var year) ? year : 0,
            Sen = senProvision.ToUpperInvariant() switch { "K" => SenStatus.Support, "E" or "S" => SenStatus.Ehcp, _ => SenStatus.None },
            FreeSchoolMeals = fsm,
            EnglishAdditionalLanguage = !CtfCodes.IsEnglish(firstLanguage),
            LookedAfter = FieldParse.TryBool(Value(Child(pupil, "LookedAfter"), "InCare"), out var lac) && lac,
        });
        ReadContacts(pupil, id, line);
        ReadAttendance(pupil, id, line);
        ReadAssessments(pupil, id, line);
    }

    public SchoolExport ToExport() => new()
    {
        ExportedAt = _exportedAt,
        Profile = _profile,
        Pupils = _pupils,
        Contacts = [.. _contacts.Values],
        ContactLinks = _links,
        Attendance = _sink.Registers,
        AttendanceSummaries = _summaries,
        Assessments = _assessments,
        Issues = Issues,
        PupilRows = _rows,
        PupilsWithContactRows = _withContacts,
        CarriesRollDetails = false,
        SaysRestrictions = false,
        SaysCorrespondence = false,
        RecordsRead = new Dictionary<string, long>
        {
            [file] = _pupils.Count, ["pupils"] = _pupils.Count, ["contacts"] = _links.Count, ["attendance marks"] = _marks, ["assessments"] = _assessments.Count,
        },
    };

    private string Name(XElement element, string name, int line) => Clean(Value(element, name), name, line);

    /// <summary>A name with control characters made spaces (<see cref="PersonName"/>), with a warning when it had any.</summary>
    private string Clean(string value, string element, int line)
    {
        if (!PersonName.NeedsCleaning(value))
        {
            return value;
        }

        var cleaned = PersonName.Clean(value);
        Issues.Add(ImportIssue.Warning(file, line, element, cleaned, $"{element} held a tab, line break or other control character; each was replaced by a space"));
        return cleaned;
    }

    private static string First(XElement element, string name, string alternative) =>
        Value(element, name) is { Length: > 0 } v ? v : Value(element, alternative);

    private void ReadContacts(XElement pupil, string pupilId, int line)
    {
        if (Child(pupil, "Contacts") is not null)
        {
            _withContacts.Add(pupilId);
        }

        foreach (var contact in Children(Child(pupil, "Contacts"), "Contact"))
        {
            var email = Value(contact, "Email") is { Length: > 0 } e ? e : null;
            var refused = email is not null && !FieldParse.IsEmail(email);
            if (refused)
            {
                Issues.Add(ImportIssue.Error(file, line, "Contact/Email", email!, $"'{email}' is not an e-mail address; the contact is kept without one"));
                email = null;
            }

            var phone = Children(Child(contact, "Phones"), "Phone").Select(p => Value(p, "PhoneNo")).FirstOrDefault(p => p.Length > 0);
            var (forename, surname) = (Name(contact, "Forename", line), Name(contact, "Surname", line));
            var contactId = RecordIds.Contact(forename, surname, email, phone);
            _contacts.TryAdd(contactId, new Contact { Id = contactId, Title = Value(contact, "Title"), Forename = forename, Surname = surname, Email = email, Phone = phone, EmailRefused = refused });
            _links.Add(new ContactLink
            {
                ContactId = contactId,
                PupilId = pupilId,
                Relationship = CtfCodes.RelationshipWord(Value(contact, "Relationship")),
                ParentalResponsibility = FieldParse.TryBool(Value(contact, "Responsibility"), out var pr) && pr,
                Priority = int.TryParse(Value(contact, "Order"), out var order) ? order : 1,
            });
        }
    }

    private void ReadAttendance(XElement pupil, string pupilId, int line)
    {
        foreach (var year in Children(Child(pupil, "Attendance"), "YearData"))
        {
            var marks = Value(year, "AttendMarks");
            if (marks.Length > 0 && TryDate(Value(year, "AttendStartDate"), out var start))
            {
                ReadMarks(pupilId, start, marks, line);
                continue;
            }

            int Int(string name) => int.TryParse(Value(year, name), out var n) ? n : 0;
            var academicYear = int.TryParse(Value(year, "Year"), out var y) ? new AcademicYear(y) : default;
            _summaries.Add(new AttendanceSummary(pupilId, academicYear, Int("SessionsPossible"), Int("SessionsAttended"), Int("SessionsAuthorised"), Int("SessionsUnauthorised")));
        }
    }

    /// <summary>Two characters per calendar day from the start date (AM then PM); '-' is no mark.</summary>
    private void ReadMarks(string pupilId, DateOnly start, string marks, int line)
    {
        var register = _sink.Registers.RegisterFor(pupilId);
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
                Issues.Add(ImportIssue.Error(file, line, "AttendMarks", c.ToString(), AttendanceCode.Unknown(c.ToString(), $"for {date:yyyy-MM-dd} {session.ToString().ToUpperInvariant()}")));
                continue;
            }

            if (AttendanceCsv.Place(_sink, register, date, session, code, null, file, line, Issues))
            {
                _marks++;
            }
        }
    }

    private void ReadAssessments(XElement pupil, string pupilId, int line)
    {
        foreach (var stage in Children(Child(pupil, "StageAssessments"), "KeyStage"))
        {
            foreach (var result in Children(stage, "StageAssessment"))
            {
                var method = Value(result, "Method");
                var scaleName = method.Equals(CtfCodes.InternalMethod, StringComparison.OrdinalIgnoreCase) ? Value(result, "ResultQualifier")
                    : method.Equals("TT", StringComparison.OrdinalIgnoreCase) ? "KS2" : method.Equals("TA", StringComparison.OrdinalIgnoreCase) ? "KS2 TA" : "";
                var grade = Value(result, "Result");
                if (!scales.TryGet(scaleName, out var scale) || !scale.Contains(grade))
                {
                    Issues.Add(ImportIssue.Error(file, line, "StageAssessment/Result", grade,
                        scale is null ? $"unknown grade scale '{scaleName}' (method '{method}')" : $"'{grade}' is not a grade on the {scale.Name} scale"));
                    continue;
                }

                var date = TryDate(Value(result, "ResultDate"), out var d) ? d
                    : int.TryParse(Value(result, "Year"), out var y) ? new DateOnly(y, 7, 1) : default;
                _assessments.Add(new AssessmentResult
                {
                    PupilId = pupilId,
                    Subject = Value(result, "Subject"),
                    Point = Value(result, "Component") is { Length: > 0 } c ? c : Value(stage, "Stage"),
                    Date = date,
                    Scale = scale.Name,
                    Grade = scale.Normalise(grade),
                });
            }
        }
    }
}
