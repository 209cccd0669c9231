using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Synthetic;

/// <summary>A generated school: everything but the session marks is held; marks are made on demand, pupil by pupil.</summary>
/// <remarks>
/// Marks are not stored so that a 50,000-pupil trust (19 million marks) streams in constant memory. For tests and
/// benchmarks that work on the model directly rather than through an export, <see cref="Directory"/>,
/// <see cref="Registers"/> and <see cref="Snapshot"/> give the school as the jobs would hold it after ingest (built
/// on first use; a register holds marks, not minutes late).
/// </remarks>
public sealed class SyntheticSchool
{
    private readonly Dictionary<string, PupilTraits> _traits;
    private readonly DayShape _shape;
    private readonly Lazy<SchoolDirectory> _directory;
    private readonly Lazy<IReadOnlyList<PupilRegister>> _registers;

    internal SyntheticSchool(GeneratorOptions options, SchoolProfile profile, IReadOnlyList<RollEntry> roll, DayShape shape)
    {
        Options = options;
        Profile = profile;
        Pupils = [.. roll.Select(e => e.Pupil)];
        _traits = roll.ToDictionary(e => e.Pupil.Id, e => e.Traits, StringComparer.Ordinal);
        _shape = shape;
        _directory = new(() => new SchoolDirectory(Pupils, Contacts, ContactLinks, Staff, StaffRoles));
        _registers = new(() => [.. Pupils.Select(Register)]);
    }

    public GeneratorOptions Options { get; }
    public SchoolProfile Profile { get; }
    public string Name => Profile.Name;
    public SchoolCalendar Calendar => Profile.Calendar!;
    public IReadOnlyList<Pupil> Pupils { get; }
    public IReadOnlyList<Contact> Contacts { get; internal init; } = [];
    public IReadOnlyList<ContactLink> ContactLinks { get; internal init; } = [];
    public IReadOnlyList<StaffMember> Staff { get; internal init; } = [];
    public IReadOnlyList<StaffRole> StaffRoles { get; internal init; } = [];
    public IReadOnlyList<AssessmentResult> Assessments { get; internal init; } = [];
    public IReadOnlyList<Target> Targets { get; internal init; } = [];
    public IReadOnlyList<BehaviourEvent> Behaviour { get; internal init; } = [];
    public IReadOnlyList<HomeworkRecord> Homework { get; internal init; } = [];
    public IReadOnlyList<Core.Interventions.Intervention> Interventions { get; internal init; } = [];

    /// <summary>Every progress mentor's mentees.</summary>
    public IReadOnlyList<Mentee> Caseloads { get; internal init; } = [];

    /// <summary>The reason the MIS records for a late mark, if any (<see cref="LateReasons"/>); the same on every call.</summary>
    public string? LateReasonOf(SessionMark mark) => LateReasons.For(Options.Seed, mark);

    /// <summary>Pupils, contacts and staff, as routing reads them.</summary>
    public SchoolDirectory Directory => _directory.Value;

    /// <summary>Every pupil's register, in pupil order.</summary>
    public IReadOnlyList<PupilRegister> Registers => _registers.Value;

    /// <summary>One pupil's marks in session order, the same on every call.</summary>
    public IEnumerable<SessionMark> MarksOf(Pupil pupil) => AttendancePattern.Marks(pupil, _traits[pupil.Id], Calendar, _shape, Options.AsOf);

    /// <summary>Every pupil's marks, pupil by pupil.</summary>
    public IEnumerable<SessionMark> AllMarks() => Pupils.SelectMany(MarksOf);

    /// <summary>What the snapshot job would build <paramref name="key"/> from, with data to <paramref name="dataTo"/> (inclusive).</summary>
    public SnapshotInputs SnapshotInputs(SnapshotKey key, DateOnly dataTo) => new()
    {
        Key = key,
        AsOf = dataTo,
        Calendar = Calendar,
        Pupils = Pupils,
        Registers = Registers,
        Targets = Targets,
        Results = Assessments,
        Behaviour = Behaviour,
        Homework = Homework,
        Interventions = Interventions,
        Scales = Profile.Scales,
    };

    /// <summary>
    /// The end-of-term snapshot of the term containing the as-of date, taken as of that date, compared with the
    /// previous term's end-of-term snapshot (at its scheduled cut-off, 10 school days before that term ended) if the
    /// year has one.
    /// </summary>
    /// <exception cref="InvalidOperationException">The as-of date is in a holiday, not in a term.</exception>
    public TermSnapshot Snapshot()
    {
        var term = Calendar.TermOf(Options.AsOf) ?? throw new InvalidOperationException($"{Options.AsOf:yyyy-MM-dd} is not in a term of the school's calendar");
        var inputs = SnapshotInputs(SnapshotKey.For(Profile.Urn, term, SnapshotPoint.End), Options.AsOf);
        var previous = Calendar.TermsOf(Options.Year).LastOrDefault(t => t.End < term.Start);
        if (previous is not null && Calendar.SchoolDayBeforeEnd(previous, 10) is { } previousDataTo)
        {
            inputs = inputs with { Previous = SnapshotBuilder.Build(SnapshotInputs(SnapshotKey.For(Profile.Urn, previous, SnapshotPoint.End), previousDataTo)) };
        }

        return SnapshotBuilder.Build(inputs);
    }

    private PupilRegister Register(Pupil pupil)
    {
        var register = new PupilRegister(pupil.Id, Calendar) { CompulsoryFrom = CompulsorySchoolAge.Of(pupil) };
        foreach (var mark in MarksOf(pupil))
        {
            register.TrySet(mark.Date, mark.Session, mark.Code);
        }

        return register;
    }
}
