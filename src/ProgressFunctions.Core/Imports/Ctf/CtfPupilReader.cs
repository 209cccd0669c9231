using System.Xml.Linq;
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
    private readonly List<RefusedContactRow> _refusedContacts = [];
    private readonly List<AttendanceSummary> _summaries = [];
    private readonly List<AssessmentResult> _assessments = [];
    private readonly Dictionary<string, int> _lineByUpn = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _repeatedAt = new(StringComparer.OrdinalIgnoreCase);
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

        if (!_lineByUpn.TryAdd(upn, line))
        {
            Issues.Add(Repeated(upn, line, _lineByUpn[upn]));
            _repeatedAt.TryAdd(upn, line);
            return;
        }

        // As pupils.csv refuses a row whose date of birth or year group cannot be read: stored as none (or Reception),
        // the pupil's reports would go unprotected, or to the wrong year leader, and the stored value would be lost.
        var dobText = Value(basic, "DOB");
        DateOnly? dateOfBirth = TryDate(dobText, out var dob) ? dob : null;
        if (dateOfBirth is null && dobText.Length > 0)
        {
            Issues.Add(ImportIssue.Error(file, line, "DOB", dobText, $"'{dobText}' is not a date (use yyyy-MM-dd): the pupil record is not imported"));
            return;
        }

        var yearText = Value(basic, "NCyearActual");
        if (YearGroup(yearText) is not { } yearGroup)
        {
            Issues.Add(ImportIssue.Error(file, line, "NCyearActual", yearText, (yearText.Length == 0
                ? "NCyearActual is empty: a pupil without a year group cannot be routed to their year leader"
                : $"'{yearText}' is not a year group (N1, N2, R or 1-14)") + "; the pupil record is not imported"));
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
            DateOfBirth = dateOfBirth,
            Gender = First(basic, "Gender", "Sex"),
            YearGroup = yearGroup,
            Sen = senProvision.ToUpperInvariant() switch { "K" => SenStatus.Support, "E" or "S" => SenStatus.Ehcp, _ => SenStatus.None },
            FreeSchoolMeals = fsm,
            EnglishAdditionalLanguage = !CtfCodes.IsEnglish(firstLanguage),
            LookedAfter = FieldParse.TryBool(Value(Child(pupil, "LookedAfter"), "InCare"), out var lac) && lac,
        });
        ReadContacts(pupil, id, line);
        _marks += CtfAttendance.Read(pupil, id, line, _sink, file, _summaries, Issues);
        CtfAssessments.Read(pupil, id, line, scales, file, _assessments, Issues);
    }

    /// <summary>A CTF <c>NCyearActual</c>: N1 and N2 (nursery) are -2 and -1, R (Reception) 0, then 1-14, as pupils.csv reads them; null for anything else.</summary>
    private static int? YearGroup(string text) => text.ToUpperInvariant() switch
    {
        "N1" => -2,
        "N2" => -1,
        "R" => 0,
        _ => int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) && year is >= 1 and <= 14 ? year : null,
    };

    /// <summary>The pupils read, without those whose UPN another pupil record also has.</summary>
    /// <remarks>
    /// Two records with one UPN cannot both be the child it belongs to, and either may be: keeping the first would
    /// put its contacts, marks and results on the stored pupil of that UPN, who may be the other child. So neither is
    /// imported, as pupils.csv refuses both rows of a repeated UPN, and each error names the other record's line.
    /// </remarks>
    public SchoolExport ToExport()
    {
        var refused = _repeatedAt.Keys.Select(RecordIds.PupilFromUpn).ToHashSet(StringComparer.Ordinal);
        var marksRefused = refused.Sum(id => (long)_sink.Registers.MarkCountOf(id));
        var export = RefusedPupils.Without(Read(), refused, [.. _repeatedAt.Select(r => Repeated(r.Key, _lineByUpn[r.Key], r.Value))]);
        return export with
        {
            RecordsRead = new Dictionary<string, long>
            {
                [file] = export.Pupils.Count, ["pupils"] = export.Pupils.Count, ["contacts"] = export.ContactLinks.Count,
                ["attendance marks"] = _marks - marksRefused, ["assessments"] = export.Assessments.Count,
            },
        };
    }

    private ImportIssue Repeated(string upn, int line, int otherLine) => ImportIssue.Error(file, line, "UPN", upn,
        $"UPN {upn} is also used on line {otherLine}: neither pupil record is imported, nor anything in either (contacts, attendance, results)");

    private SchoolExport Read() => new()
    {
        ExportedAt = _exportedAt,
        Profile = _profile,
        Pupils = _pupils,
        Contacts = [.. _contacts.Values],
        ContactLinks = _links,
        RefusedContactRows = _refusedContacts,
        Attendance = _sink.Registers,
        AttendanceSummaries = _summaries,
        Assessments = _assessments,
        Issues = Issues,
        PupilRows = _rows,
        PupilsWithContactRows = _withContacts,
        CarriesRollDetails = false,
        SaysRestrictions = false,
        SaysCorrespondence = false,
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
        Issues.Add(ImportIssue.Warning(file, line, element, cleaned, $"{element} held a tab, line break or other control character, each replaced by a space, or an invisible character (a zero-width space, a direction mark), removed"));
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
            var person = new Contact { Id = contactId, Title = Value(contact, "Title"), Forename = forename, Surname = surname, Email = email, Phone = phone, EmailRefused = refused };
            _contacts.TryAdd(contactId, person);
            var link = new ContactLink
            {
                ContactId = contactId,
                PupilId = pupilId,
                Relationship = CtfCodes.RelationshipWord(Value(contact, "Relationship")),
                ParentalResponsibility = FieldParse.TryBool(Value(contact, "Responsibility"), out var pr) && pr,
                Priority = int.TryParse(Value(contact, "Order"), out var order) ? order : 1,
            };
            _links.Add(link);
            if (refused)
            {
                // As a contacts.csv row with an unusable address: the same person stored for the pupil, with an address, stands in (RefusedContacts).
                _refusedContacts.Add(new RefusedContactRow(line, pupilId, false, person, link, OnlyAddressRefused: true) { File = file });
            }
        }
    }
}
