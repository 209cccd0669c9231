using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Synthetic;

/// <summary>A generated school: everything but the session marks is held; marks are made on demand, pupil by pupil.</summary>
/// <remarks>Marks are not stored so that a 50,000-pupil trust (19 million marks) streams in constant memory.</remarks>
public sealed class SyntheticSchool
{
    private readonly Dictionary<string, PupilTraits> _traits;

    internal SyntheticSchool(GeneratorOptions options, SchoolProfile profile, IReadOnlyList<Pupil> pupils, Dictionary<string, PupilTraits> traits)
    {
        Options = options;
        Profile = profile;
        Pupils = pupils;
        _traits = traits;
    }

    public GeneratorOptions Options { get; }
    public SchoolProfile Profile { get; }
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

    /// <summary>One pupil's marks in session order, the same on every call.</summary>
    public IEnumerable<SessionMark> MarksOf(Pupil pupil) => AttendancePattern.Marks(pupil, _traits[pupil.Id], Calendar, Options);

    /// <summary>Every pupil's marks, pupil by pupil.</summary>
    public IEnumerable<SessionMark> AllMarks() => Pupils.SelectMany(MarksOf);
}

/// <summary>The hidden habits that shape a pupil's synthetic data.</summary>
internal sealed record PupilTraits(int Seed, double AbsenceRate, bool FridayAfternoons, double LateRate, bool TermTimeHoliday, double Ability);
