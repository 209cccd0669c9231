using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Reports.AttendanceOfficer;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Tests.Builders;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Reports.Models;

public class CallListTests
{
    private static readonly DateOnly s_today = D("2025-12-05");

    private static SchoolDirectory Directory() => new(
        [
            new Pupil { Id = "p1", Upn = "", LegalForename = "Zoë", LegalSurname = "Brontë", RegistrationGroup = "9A" },
            new Pupil { Id = "p2", Upn = "", LegalForename = "Seán", LegalSurname = "Byrne", RegistrationGroup = "9B" },
            new Pupil { Id = "p3", Upn = "", LegalForename = "Ava", LegalSurname = "Khan", RegistrationGroup = "9B" },
        ],
        [
            new Contact { Id = "c1", Title = "Ms", Forename = "Sarah", Surname = "Brontë", Phone = "07700 900123" },
            new Contact { Id = "c2", Title = "Mr", Forename = "Piotr", Surname = "Nowak", Phone = "01632 960456" },
            new Contact { Id = "c3", Title = "Mr", Forename = "Mark", Surname = "Brontë", Phone = "07700 900999" },
            new Contact { Id = "c4", Title = "Mrs", Forename = "Emma", Surname = "Byrne", Email = "e@parents.example" },
        ],
        [
            new ContactLink { ContactId = "c1", PupilId = "p1", Relationship = "Parent", ParentalResponsibility = true, Priority = 2 },
            new ContactLink { ContactId = "c2", PupilId = "p1", Relationship = "Relative", ParentalResponsibility = false, Priority = 1 },
            new ContactLink { ContactId = "c3", PupilId = "p1", Relationship = "Parent", ParentalResponsibility = true, Priority = 1, Restriction = "No contact (court order)" },
            new ContactLink { ContactId = "c4", PupilId = "p2", Relationship = "Parent", ParentalResponsibility = true },
        ],
        [], []);

    private static CallListInput Input()
    {
        var p1 = new RegisterBuilder(Year2025, "p1").Present(D("2025-09-03"), D("2025-12-04")).Day(s_today, "N").Build();
        var p2 = new RegisterBuilder(Year2025, "p2").Present(D("2025-09-03"), D("2025-12-04")).Mark(s_today, SessionOfDay.Am, "N").Build();
        var p3 = new RegisterBuilder(Year2025, "p3").Present(D("2025-09-03"), D("2025-12-04")).Mark(s_today, SessionOfDay.Pm, "\\").Build();
        p3.TrySet(s_today, SessionOfDay.Am, AttendanceCode.LateAfterClose, 42);
        return new CallListInput("Oakfield Academy", s_today, [p1, p2, p3], Directory(), (pupil, session) => pupil == "p3" && session == SessionOfDay.Am ? "Bus late" : null)
        {
            OpenInterventions = new Dictionary<string, string> { ["p1"] = "Attendance mentoring (since 3 Nov)" },
        };
    }

    [Fact]
    public void Entries_AbsentWithNoReason_CallableContactsInPriorityOrderRestrictedNeverListed()
    {
        var (calls, late, _) = CallList.Entries(Input());

        Assert.Equal(["p1", "p2"], calls.Select(c => c.PupilId));
        Assert.Equal(["1. Mr Piotr Nowak (Relative, no parental responsibility) 01632 960456", "2. Ms Sarah Brontë (Parent) 07700 900123"], calls[0].Calls);
        Assert.Equal(1, calls[0].Restricted);
        Assert.Equal([SessionOfDay.Am, SessionOfDay.Pm], calls[0].Sessions);
        Assert.Equal(["1. Mrs Emma Byrne (Parent) no phone number in the MIS"], calls[1].Calls);
        Assert.StartsWith("attendance last 4 weeks ", calls[1].Pattern, StringComparison.Ordinal);
        Assert.Contains("; absent on 1 of the last 10 school days", calls[1].Pattern, StringComparison.Ordinal);
        var arrival = Assert.Single(late);
        Assert.Equal(("p3", SessionOfDay.Am, 42, "Bus late"), (arrival.PupilId, arrival.Session, arrival.MinutesLate, arrival.Reason));
    }

    [Fact]
    public void CallContacts_ContactLinkedTwice_ListedOnceAndNotAtAllWhenEitherLinkIsRestricted()
    {
        var directory = new SchoolDirectory(
            [new Pupil { Id = "p1", Upn = "", LegalForename = "Zoë", LegalSurname = "Brontë" }],
            [
                new Contact { Id = "c1", Title = "Ms", Forename = "Sarah", Surname = "Brontë", Phone = "07700 900123" },
                new Contact { Id = "c3", Title = "Mr", Forename = "Mark", Surname = "Brontë", Phone = "07700 900999" },
            ],
            [
                new ContactLink { ContactId = "c1", PupilId = "p1", Relationship = "Parent", ParentalResponsibility = true, Priority = 1 },
                new ContactLink { ContactId = "c1", PupilId = "p1", Relationship = "Parent", ParentalResponsibility = true, Priority = 2 },
                new ContactLink { ContactId = "c3", PupilId = "p1", Relationship = "Parent", ParentalResponsibility = true, Priority = 1 },
                new ContactLink { ContactId = "c3", PupilId = "p1", Relationship = "Parent", ParentalResponsibility = true, Priority = 3, Restriction = "No contact (court order)" },
            ],
            [], []);

        var (mayCall, restricted) = CallContacts.For("p1", directory);

        Assert.Equal(["c1"], mayCall.Select(c => c.Contact.Id));
        Assert.Equal(1, restricted);
    }

    [Theory]
    [InlineData(3, "Class")]
    [InlineData(9, "Form")]
    public void Build_SchoolsYears_NameTheRegistrationGroupColumnAsTheSchoolDoes(int yearGroup, string expected)
    {
        var directory = Directory();
        var input = Input() with
        {
            Directory = new SchoolDirectory(directory.Pupils.Select(p => p with { YearGroup = yearGroup }), directory.Pupils.SelectMany(p => directory.LinksOf(p.Id))
                .Select(l => directory.Contact(l.ContactId)!).Distinct(), directory.Links, [], []),
        };

        var tables = CallList.Build(input).Blocks.OfType<TableBlock>().ToList();

        Assert.Equal(2, tables.Count);
        Assert.All(tables, t => Assert.Equal(expected, t.Columns[1].Header));
    }

    [Fact]
    public void Build_PhoneNumbers_NeverBrokenAcrossLines()
    {
        var cells = CallList.Build(Input()).Blocks.OfType<TableBlock>().First().Rows[0].Cells;

        Assert.Contains("07700\u00A0900123", cells[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Document_ShowsTheNumbersNeverTheRestrictedOnesAndMarksInterventions()
    {
        var text = string.Join("\n", CallList.Build(Input()).Text()).Replace('\u00A0', ' ');

        Assert.Contains("07700 900123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("07700 900999", text, StringComparison.Ordinal);
        Assert.Contains("1 contact must not be contacted", text, StringComparison.Ordinal);
        Assert.Contains("Open intervention: Attendance mentoring (since 3 Nov)", text, StringComparison.Ordinal);
        Assert.Contains("U: after the register closed (unauthorised)", text, StringComparison.Ordinal);
        var facts = CallList.Build(Input()).Blocks.OfType<KeyFacts>().Single().Facts;
        Assert.Equal(["2 pupils", "1 pupil", "1 pupil"], facts.Select(f => f.Value));
        // The pupils with no number are among those to call, and the label says so.
        Assert.Equal(["To call (absent, no reason)", "Of them, no number to call", "Late today"], facts.Select(f => f.Label));
    }

    [Fact]
    public void EmailLines_OneLinePerPupilWithTheNumbers()
    {
        var lines = CallList.EmailLines(Input());

        Assert.Equal(
            [
                "Absent today with no reason given (2):",
                "Zoë Brontë (9A), AM and PM: 1. Mr Piotr Nowak (Relative, no parental responsibility) 01632 960456; 2. Ms Sarah Brontë (Parent) 07700 900123. 1 contact must not be contacted",
                "Seán Byrne (9B), AM: 1. Mrs Emma Byrne (Parent) no phone number in the MIS",
                "Late today (1): Ava Khan (9B) AM U, 42 min, Bus late",
            ],
            lines);
    }

    [Fact]
    public void Build_PupilWithNoMarkToday_NamedAsUnknownNotTakenAsPresent()
    {
        // Ava's register stops yesterday: her form's register was not taken, or the export lost her.
        var input = Input() with { Registers = [.. Input().Registers.Take(2), new RegisterBuilder(Year2025, "p3").Present(D("2025-09-03"), D("2025-12-04")).Build()] };

        var document = CallList.Build(input);

        var unmarked = Assert.Single(CallList.Entries(input).Unmarked);
        Assert.Equal(("p3", "Ava Khan", "9B", 2), (unmarked.PupilId, unmarked.Name, unmarked.Form, unmarked.FormSize));
        Assert.Contains(document.Blocks.OfType<KeyFacts>().Single().Facts, f => (f.Label, f.Value, f.Tone) == ("No mark today", "1 pupil", Tone.Concern));
        const string said = "1 pupil on roll has no mark for today in the MIS export, so this list cannot say whether they are absent: Ava Khan (9B).";
        Assert.Contains(document.Text(), line => line.StartsWith(said, StringComparison.Ordinal));
        Assert.StartsWith(said, CallList.EmailLines(input)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EveryPupilMarked_SaysNothingOfUnmarkedPupils()
    {
        var document = CallList.Build(Input());

        Assert.Empty(CallList.Entries(Input()).Unmarked);
        Assert.DoesNotContain(document.Blocks.OfType<KeyFacts>().Single().Facts, f => f.Label == "No mark today");
        Assert.DoesNotContain(document.Text(), line => line.Contains("no mark for today", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(30, "Pupil 30 (9B). Check")]
    [InlineData(31, "Pupil 30 (9B) and 1 more. Check")]
    [InlineData(45, "Pupil 30 (9B) and 15 more. Check")]
    public void EmailLines_ManyPupilsWithNoMark_NamesTheFirstThirtyAndCountsTheRest(int unmarked, string ending)
    {
        // One pupil of 9B is marked, so the form's register was taken: its unmarked pupils are named.
        var (pupils, registers) = Form("9B", unmarked + 1);
        registers[^1] = new RegisterBuilder(Year2025, pupils[^1].Id).Present(D("2025-09-03"), s_today).Build();
        var input = new CallListInput("Oakfield Academy", s_today, registers, new SchoolDirectory(pupils, [], [], [], []), (_, _) => null);

        var line = CallList.EmailLines(input)[^1];

        Assert.StartsWith($"{unmarked} pupils on roll have no mark for today", line, StringComparison.Ordinal);
        Assert.EndsWith(ending + " their registers were taken, that the export holds every pupil, and the last import report: it lists rows the import refused (a UPN given to two pupils, a bad code).", line, StringComparison.Ordinal);
    }

    [Fact]
    public void EmailLines_WholeFormWithNoMark_NamesTheFormNotItsPupils()
    {
        var (formA, registersA) = Form("7A", 28);
        var (formB, registersB) = Form("7B", 2);
        registersB[0] = new RegisterBuilder(Year2025, formB[0].Id).Present(D("2025-09-03"), s_today).Build();
        var input = new CallListInput("Oakfield Academy", s_today, [.. registersA, .. registersB], new SchoolDirectory([.. formA, .. formB], [], [], [], []), (_, _) => null);

        var line = CallList.EmailLines(input)[^1];

        // "Pupil 02" of 7B shares the name of one in 7A, so it is told apart.
        Assert.Equal($"29 pupils on roll have no mark for today in the MIS export, so this list cannot say whether they are absent: all 28 of 7A, {ReportFormat.NameOf(input.Directory, formB[1].Id)} (7B). " +
            "Check their registers were taken, that the export holds every pupil, and the last import report: it lists rows the import refused (a UPN given to two pupils, a bad code).", line);
    }

    /// <summary>A form of pupils "Pupil 01" to "Pupil nn", each marked to yesterday and not today.</summary>
    private static (List<Pupil> Pupils, List<PupilRegister> Registers) Form(string form, int size)
    {
        var pupils = Enumerable.Range(1, size).Select(i => new Pupil { Id = $"{form}-{i:00}", Upn = "", LegalForename = "Pupil", LegalSurname = $"{i:00}", RegistrationGroup = form, YearGroup = 7 }).ToList();
        return (pupils, [.. pupils.Select(p => new RegisterBuilder(Year2025, p.Id).Present(D("2025-09-03"), D("2025-12-04")).Build())]);
    }
}
