using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.PupilGroups;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Synthetic;

/// <summary>Achievement and behaviour points and homework up to the as-of date.</summary>
/// <remarks>
/// Every few school days a pupil may earn achievement points (15% of the time) or lose behaviour points (1%, 4% for
/// pupils well below average attainment, who more often disengage; more or less by the pupil's group, <see cref="Conduct"/>). Homework is set every 15 school days in English,
/// mathematics and science (reading in primary): 85% completed, 8% late, 7% missing.
/// </remarks>
internal static class BehaviourAndHomework
{
    private static readonly string[] s_secondary = ["English", "Mathematics", "Science"];
    private static readonly string[] s_primary = ["Reading"];

    public static void Add(ProgressData data, GeneratorOptions options, SchoolCalendar calendar, RollEntry entry)
    {
        var pupil = entry.Pupil;
        var random = new Random(Seeds.Of(options.Seed, 8, entry.Cohort, entry.Place, options.Year.StartYear));
        var first = pupil.AdmissionDate is { } admitted ? calendar.DaysBefore(admitted) : 0;
        var days = calendar.DaysUpTo(options.AsOf);
        var negative = (Academic.Of(options.Seed, entry.Cohort, entry.Place).Ability < -1 ? 0.04 : 0.01) * Conduct(pupil);
        for (var day = first; day < days; day += 1 + random.Next(4))
        {
            var r = random.NextDouble();
            if (r < 0.15)
            {
                data.Behaviour.Add(new BehaviourEvent { PupilId = pupil.Id, Date = calendar.DayAt(day), Points = 1 + random.Next(3), Category = "Achievement" });
            }
            else if (r < 0.15 + negative)
            {
                data.Behaviour.Add(new BehaviourEvent { PupilId = pupil.Id, Date = calendar.DayAt(day), Points = -(1 + random.Next(3)), Category = random.Next(2) == 0 ? "Disruption" : "Equipment" });
            }
        }

        // The incident each suspension follows, on the school day before it (PersonHabits.Suspensions).
        foreach (var (start, _) in entry.Traits.Suspensions.Where(s => s.Start - 1 >= first && s.Start - 1 < days))
        {
            data.Behaviour.Add(new BehaviourEvent { PupilId = pupil.Id, Date = calendar.DayAt(start - 1), Points = -5, Category = "Serious incident" });
        }

        // A stream of its own, so that a later export's homework agrees with an earlier one's.
        random = new Random(Seeds.Of(options.Seed, 10, entry.Cohort, entry.Place, options.Year.StartYear));
        for (var day = first + 4; day < days; day += 15)
        {
            foreach (var subject in options.Phase == SchoolPhase.Primary ? s_primary : s_secondary)
            {
                var status = random.NextDouble() switch { < 0.85 => HomeworkStatus.Completed, < 0.93 => HomeworkStatus.Late, _ => HomeworkStatus.Missing };
                data.Homework.Add(new HomeworkRecord { PupilId = pupil.Id, Subject = subject, Due = calendar.DayAt(day), Status = status });
            }
        }
    }

    /// <summary>How much more often than the roll's average a pupil of this group loses behaviour points.</summary>
    /// <remarks>
    /// DfE, Suspensions and permanent exclusions in England 2022/23: pupils eligible for free school meals are suspended
    /// about four times as often as the rest, and pupils with SEN about four times as often as pupils with none. Each
    /// factor averages about 1 over the generated roll (24% FSM or looked after; 12% SEN support, 3% EHC plan), so the
    /// school's total stays where it was; without them a disadvantaged pupil lost as many points as any other.
    /// </remarks>
    internal static double Conduct(Pupil pupil)
    {
        var disadvantage = PupilCharacteristics.Of(pupil).Disadvantaged ? 2.4 : 0.56;
        var needs = pupil.Sen switch { SenStatus.Support => 2.3, SenStatus.Ehcp => 1.9, _ => 0.78 };
        return disadvantage * needs;
    }
}
