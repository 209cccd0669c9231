using MathNet.Numerics.Distributions;
using ProgressFunctions.Core.PupilGroups;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Synthetic;

/// <summary>A pupil's lasting habits, drawn once for life from their own stream, and what they come to in one year.</summary>
/// <remarks>
/// A pupil's place on the absence distribution is not an independent draw but the cohort's golden-ratio (Weyl)
/// sequence at the pupil's place: any run of places covers the distribution evenly, so a year group of any size holds
/// close to the national shares of persistent and severe absentees instead of a lottery around them, while each pupil
/// keeps their place for life. Every other draw is made whatever the phase or the outcome of earlier draws, so the
/// stream stays aligned: the same pupil has the same habits in a primary or secondary school of any size. The year's
/// draws (marks seed, how this year compares with the pupil's usual, a holiday, a trip) come from a stream seeded by the
/// school year as well.
/// </remarks>
internal sealed class PersonHabits
{
    private readonly double _quantile;
    private readonly double _severeLevel;
    private readonly double _unauthorisedNoise;
    private readonly bool _friday;
    private readonly double _lateRate;
    private readonly bool _takesHolidays;
    private readonly double _momentum;
    private readonly bool _noTargets;

    public PersonHabits(Random random, AbsenceProfile profile, double quantile)
    {
        _quantile = quantile;
        _severeLevel = 0.5 + (random.NextDouble() * 0.35);
        _unauthorisedNoise = Normal.Sample(random, 0, 1) * 0.08;
        _friday = random.NextDouble() < profile.FridayAfternoonHabit;
        var late = random.NextDouble();
        _lateRate = late < profile.FrequentlyLate ? 0.04 + (random.NextDouble() * 0.08) : 0.006;
        _takesHolidays = random.NextDouble() < profile.HolidayFamilies;
        _momentum = Momentum(random.NextDouble(), Normal.Sample(random, 0, 1));
        _noTargets = random.NextDouble() < 0.1;
    }

    public PupilTraits ForYear(YearContext context, Pupil pupil, int cohort, int place)
    {
        var (options, profile, calendar) = (context.Options, context.Profile, context.Calendar);
        var random = new Random(Seeds.Of(options.Seed, 5, cohort, place, options.Year.StartYear));
        var markSeed = random.Next();
        var thisYear = Math.Exp((0.3 * Normal.Sample(random, 0, 1)) - 0.045);   // lognormal with mean 1
        var (holidayDraw, breakIndex, before, length) = (random.NextDouble(), random.Next(Math.Max(1, context.Breaks.Count)), random.Next(2) == 0, 3 + random.Next(5));
        var (tripDraw, tripDay) = (random.NextDouble(), random.Next(Math.Max(1, calendar.SchoolDayCount)));

        var multiplier = profile.YearMultiplier[pupil.YearGroup] * AbsenceProfile.CharacteristicMultiplier(pupil.FreeSchoolMeals, pupil.Sen);
        var severeShare = Math.Min(0.5, profile.SevereShare * multiplier);
        var severe = _quantile >= 1 - severeShare;
        var exponential = Exponential.InvCDF(1, _quantile / (1 - severeShare));
        var propensity = severe ? _severeLevel : Math.Min(0.45, profile.MeanPropensity * exponential * multiplier * thisYear);
        var unauthorised = severe
            ? Math.Clamp(0.5 + _unauthorisedNoise, 0.3, 0.8)
            : Math.Clamp(profile.UnauthorisedShare + (profile.UnauthorisedSlope * (propensity - profile.MeanPropensity)) + _unauthorisedNoise, 0.05, 0.85);
        (int Start, int Days)? holiday = _takesHolidays && holidayDraw < 0.85 && context.Breaks.Count > 0
            ? HolidayBlock(calendar.SchoolDayCount, context.Breaks[breakIndex], before, length)
            : null;
        return new PupilTraits(markSeed, propensity, unauthorised, severe, _friday, _lateRate, holiday,
            tripDraw < 0.5 ? tripDay : null, _momentum, HasTargets: !(_noTargets && pupil.YearGroup >= 10), ProgressGap(pupil), AbsenceGap(propensity, profile.MeanPropensity))
        {
            Suspensions = Suspensions(new Random(Seeds.Of(options.Seed, 17, cohort, place, options.Year.StartYear)), options.Phase, pupil, calendar.SchoolDayCount),
        };
    }

    /// <summary>The year's suspensions: whether the pupil is suspended at all, how often, for how long and when, from a stream of their own.</summary>
    /// <remarks>
    /// DfE, Suspensions and permanent exclusions in England: in the autumn term of 2023/24, 8.19 suspensions per 100
    /// pupils in secondary schools and 0.83 in primary, and 660,000 days missed for 346,000 suspensions (about 1.9 days
    /// each). Here about 9% of secondary pupils (1% of primary) are suspended in a year, more often the pupils who lose
    /// behaviour points more often (<see cref="BehaviourAndHomework.Conduct"/>), each about 2.5 times (a geometric
    /// count), each for 1 to 5 days: about 22 suspensions per 100 secondary pupils a year. The count and days are drawn
    /// whatever the outcome, so the stream stays aligned; a pupil marked <c>E</c> is absent, authorised.
    /// </remarks>
    private static IReadOnlyList<(int Start, int Days)> Suspensions(Random random, SchoolPhase phase, Pupil pupil, int schoolDays)
    {
        var (draw, more) = (random.NextDouble(), random.NextDouble());
        var chance = Math.Min(0.6, (phase == SchoolPhase.Secondary ? 0.09 : 0.01) * BehaviourAndHomework.Conduct(pupil));
        var count = draw < chance && schoolDays > 1 ? 1 + (int)Math.Floor(Math.Log(1 - more) / Math.Log(0.6)) : 0;
        var spells = new List<(int Start, int Days)>();
        for (var i = 0; i < Math.Min(count, 8); i++)
        {
            var days = random.NextDouble() switch { < 0.5 => 1, < 0.75 => 2, < 0.9 => 3, _ => 5 };
            var start = 1 + random.Next(schoolDays - 1);
            // Spells that would overlap one already drawn are left out rather than moved, so the draws stay as they are.
            if (spells.All(s => start + days <= s.Start || start >= s.Start + s.Days))
            {
                spells.Add((start, Math.Min(days, schoolDays - start)));
            }
        }

        return [.. spells.OrderBy(s => s.Start)];
    }

    /// <summary>How far a year's absence holds a pupil back from their flight path, in grades: three grades per whole year missed beyond the usual, at most a grade and a half.</summary>
    /// <remarks>
    /// Higher absence goes with lower attainment at every level of prior attainment (DfE, "The link between absence and
    /// attainment at KS2 and KS4", 2018/19 academic year). The size is a modelling choice: a pupil missing 15% of
    /// sessions where the usual is 6% runs about a quarter of a grade behind, a severely absent one a grade and a half,
    /// so a report never shows a pupil absent for most of the term on track in every subject. A pupil absent less than
    /// usual gains a little, so the school's overall progress barely moves.
    /// </remarks>
    public static double AbsenceGap(double propensity, double usual) => Math.Clamp(-3 * (propensity - usual), -1.5, 0.15);

    /// <summary>How far a pupil's group runs from the flight path set from their prior attainment, in GCSE grades per subject.</summary>
    /// <remarks>
    /// Progress 8 is, in effect, grades per subject against pupils nationally with the same KS2 results. DfE, Key stage 4
    /// performance 2023/24 (https://explore-education-statistics.service.gov.uk/find-statistics/key-stage-4-performance):
    /// disadvantaged pupils about -0.6 and the rest about +0.15; pupils with SEN support about -0.45, with an EHC plan
    /// about -1.1. The two parts add, and each averages about zero over the generated roll (24% FSM or looked after;
    /// 12% SEN support, 3% EHC plan), so a school's overall progress is unchanged while its groups differ as they do
    /// nationally. Without it a synthetic school's disadvantaged pupils were as often on track as the rest.
    /// </remarks>
    public static double ProgressGap(Pupil pupil)
    {
        var disadvantage = PupilCharacteristics.Of(pupil).Disadvantaged ? -0.5 : 0.15;
        var needs = pupil.Sen switch { SenStatus.Ehcp => -0.9, SenStatus.Support => -0.35, _ => 0.07 };
        return disadvantage + needs;
    }

    /// <summary>The pupil's quantile on the absence distribution: the cohort's Weyl sequence at their place.</summary>
    public static double Quantile(int seed, int cohort, int place) => Seeds.Weyl(place, Seeds.GoldenStep, seed, 11, cohort);

    /// <summary>Most pupils run close to their flight path; about one in eight falls behind, one in ten runs ahead.</summary>
    private static double Momentum(double kind, double gaussian) => kind switch
    {
        < 0.78 => 0.2 + (0.12 * gaussian),
        < 0.9 => -0.8 + (0.25 * gaussian),
        _ => 0.7 + (0.2 * gaussian),
    };

    /// <summary>A few days' holiday taken just before or just after a break (the school-day index of the break's eve).</summary>
    private static (int Start, int Days) HolidayBlock(int schoolDays, int lastDayBeforeBreak, bool before, int length)
    {
        var start = before ? lastDayBeforeBreak - length + 1 : lastDayBeforeBreak + 1;
        start = Math.Clamp(start, 0, Math.Max(0, schoolDays - length));
        return (start, length);
    }
}
