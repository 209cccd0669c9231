using System.Globalization;
using ProgressFunctions.Core.Interventions;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Synthetic;

/// <summary>The interventions pupils are on, and the progress mentors' caseloads.</summary>
/// <remarks>
/// <para>
/// Most pupils with SEN have an intervention (85% with an EHC plan, 60% on SEN support), of the kinds SENCOs run; about
/// a third of the pupils whose absence runs high have attendance mentoring; a quarter of those well below average
/// attainment a catch-up programme. Each lasts 20 to 60 school days from a start drawn over the whole school year, and
/// is in the export once it has started (by the as-of date), with its end date once that has passed; 70% refer to notes
/// in the MIS. SEN programmes are led by the SENCO, attendance mentoring by the pupil's mentor, catch-up by the
/// progress assistant. The draws come from a stream of their own (per pupil and year), so nothing else the generator
/// makes moves, and a later export of the year extends an earlier one.
/// </para>
/// <para>
/// Caseloads: every pupil with SEN, every looked-after pupil and every pupil on attendance mentoring is a mentee of one
/// progress mentor, chosen by the pupil's place, so each mentor has a share of the school and no pupil two mentors.
/// </para>
/// </remarks>
internal static class InterventionData
{
    private static readonly string[] s_sen = ["Speech and language", "Social skills group", "Emotional literacy (ELSA)", "Reading catch-up", "Fine motor skills"];
    private const string Attendance = "Attendance mentoring";

    public static (List<Intervention> Interventions, List<Mentee> Caseloads) Make(GeneratorOptions options, SchoolCalendar calendar, IReadOnlyList<RollEntry> roll, StaffIds staff)
    {
        var interventions = new List<Intervention>();
        var caseloads = new List<Mentee>();
        var daysSoFar = calendar.DaysUpTo(options.AsOf);
        foreach (var entry in roll)
        {
            var pupil = entry.Pupil;
            var random = new Random(Seeds.Of(options.Seed, 13, entry.Cohort, entry.Place, options.Year.StartYear));
            var mentor = staff.Mentors[(int)((uint)Seeds.Of(options.Seed, 14, entry.Cohort, entry.Place) % (uint)staff.Mentors.Count)];
            var ability = Academic.Of(options.Seed, entry.Cohort, entry.Place).Ability;
            var (senDraw, senKind, attendanceDraw, catchUpDraw, catchUpKind) = (random.NextDouble(), random.Next(s_sen.Length), random.NextDouble(), random.NextDouble(), random.Next(2));
            var wanted = new List<(string Type, string Staff)>();
            if (pupil.Sen != SenStatus.None && senDraw < (pupil.Sen == SenStatus.Ehcp ? 0.85 : 0.6))
            {
                wanted.Add((s_sen[senKind], staff.Senco));
            }

            var mentored = entry.Traits.Propensity >= 0.08 && attendanceDraw < 0.35;
            if (mentored)
            {
                wanted.Add((Attendance, mentor));
            }

            if (ability < -0.8 && catchUpDraw < 0.25)
            {
                wanted.Add((catchUpKind == 0 ? "Reading catch-up" : "Maths booster", staff.ProgressAssistant));
            }

            foreach (var (type, lead) in wanted.DistinctBy(w => w.Type))
            {
                var (startDraw, length, notesDraw, notes) = (random.NextDouble(), 20 + random.Next(41), random.NextDouble(), random.Next(10000, 99999));
                var first = pupil.AdmissionDate is { } admitted ? calendar.DaysBefore(admitted) : 0;
                var start = first + 5 + (int)(startDraw * Math.Max(1, calendar.SchoolDayCount - first - 25));
                if (start >= daysSoFar || start >= calendar.SchoolDayCount)
                {
                    continue;
                }

                var last = start + length - 1;
                interventions.Add(new Intervention
                {
                    PupilId = pupil.Id,
                    Type = type,
                    Start = calendar.DayAt(start),
                    End = last < daysSoFar && last < calendar.SchoolDayCount ? calendar.DayAt(last) : null,
                    StaffId = lead,
                    NotesId = notesDraw < 0.7 ? string.Create(CultureInfo.InvariantCulture, $"N-{notes}") : null,
                });
            }

            if (pupil.Sen != SenStatus.None || pupil.LookedAfter || mentored)
            {
                caseloads.Add(new Mentee(mentor, pupil.Id));
            }
        }

        return (interventions, caseloads);
    }
}

/// <summary>The staff ids interventions and caseloads name.</summary>
internal sealed record StaffIds(string Senco, string ProgressAssistant, IReadOnlyList<string> Mentors);
