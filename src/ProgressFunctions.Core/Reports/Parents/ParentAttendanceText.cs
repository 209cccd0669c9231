using ProgressFunctions.Core.Attendance;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.Parents;

/// <summary>The plain-English attendance paragraph of a parent report: what the figure means, never blame.</summary>
internal static class ParentAttendanceText
{
    /// <summary>The paragraph for a pupil's year-to-date and term-to-date attendance.</summary>
    /// <remarks>
    /// Severe absence (50% or more of sessions missed, DfE) is named as such: a parent of a child who has missed most of
    /// the year must not read the same words as one whose child is just under 90%. Lateness names both of its periods,
    /// because the report's "Late this term" tile sits beside this paragraph and a year's count alone read as the term's.
    /// </remarks>
    /// <param name="forename">The child's forename as the report uses it.</param>
    /// <param name="year">Year-to-date totals.</param>
    /// <param name="term">Term-to-date totals.</param>
    /// <param name="reception">The child is in Reception, whom DfE's absence figures (pupils aged 5 to 15) leave out.</param>
    public static string Explain(string forename, AttendanceTotals year, AttendanceTotals term, bool reception = false)
    {
        if (year.Possible == 0)
        {
            return $"There are no attendance records for {forename} this year yet.";
        }

        var opening = $"{forename}'s attendance this year is {Percent(year.AttendanceRate)} and this term {Percent(term.AttendanceRate)}. "
            + "Schools aim for every pupil to attend at least 95% of the time; each day in school helps with learning and friendships.";
        // A year with a possible session has a band; a term without one has none.
        var yearBand = year.Band!.Value;
        var close = CloseToPersistent(year);
        if (reception && Worse(yearBand, term.Band) >= AttendanceBand.AtRisk)
        {
            return opening + ReceptionMeaning(forename, yearBand, term.Band) + LateText(forename, year.Late, term.Late);
        }

        var meaning = term.Band is { } termBand && TermFellBelow(yearBand, termBand) ? TermMeaning(forename, yearBand, termBand, close) : YearMeaning(forename, yearBand, close);
        return opening + meaning + LateText(forename, year.Late, term.Late);
    }

    private static AttendanceBand Worse(AttendanceBand year, AttendanceBand? term) => term is { } t && t > year ? t : year;

    /// <summary>The words for a Reception child below 95%: what was missed, and why it matters at that age, without the persistent-absence label.</summary>
    /// <remarks>
    /// "Counted as persistently absent" is not true of a Reception child in DfE's figures, which count pupils aged 5 to
    /// 15 (Year 1 upwards); a parent of a four-year-old was told it.
    /// </remarks>
    private static string ReceptionMeaning(string forename, AttendanceBand year, AttendanceBand? term)
    {
        var band = Worse(year, term);
        var period = band == year ? "this year" : "this term";
        var missed = band switch
        {
            AttendanceBand.Persistent => $" {forename} has missed 10% or more of the sessions {period}.",
            AttendanceBand.Severe => $" {forename} has missed half or more of the sessions {period}.",
            _ => $" Attendance {period} is below 95%.",
        };
        return missed + " Coming to school regularly in Reception helps children settle, learn and make friends, and makes the start of Year 1 easier."
            + (band >= AttendanceBand.Persistent
                ? " We know there are often good reasons, and we would like to work with you to help; a member of staff will be in touch."
                : " If anything is making it hard to get to school, please let us know so that we can help.");
    }

    /// <summary>Whether a year's attendance is under 92%: close enough to 90% that "a little below 95%" would understate it.</summary>
    /// <remarks>Exact: attended x 100 &lt; 92 x possible, never a rounded percentage.</remarks>
    private static bool CloseToPersistent(AttendanceTotals year) => year.Attended * 100L < 92L * year.Possible;

    private static string YearMeaning(string forename, AttendanceBand band, bool close) => band switch
    {
        AttendanceBand.Excellent => $" {forename}'s attendance is excellent. Thank you for your support.",
        AttendanceBand.Expected => $" {forename}'s attendance is in line with what we expect. Thank you for your support.",
        AttendanceBand.AtRisk when close => $" {forename}'s attendance is below 95% and close to 90%: a pupil who misses 10% or more of sessions, for whatever reason including illness, "
            + "is counted as persistently absent. If anything is making it hard to get to school, please let us know so that we can help.",
        AttendanceBand.AtRisk => " Attendance is a little below 95%. If anything is making it hard to get to school, please let us know so that we can help.",
        AttendanceBand.Persistent => $" When a pupil misses 10% or more of sessions, for whatever reason including illness, this is called persistent absence. {forename}'s absence is at that level this year. "
            + "We know there are often good reasons, and we would like to work with you to help; a member of staff will be in touch.",
        // The band is exact (half or more of the sessions missed), so "half or more" is true of every pupil here;
        // a printed absence percentage could disagree with the printed attendance by 0.1 after rounding.
        _ => $" When a pupil misses 50% or more of sessions, for whatever reason including illness, this is called severe absence. {forename} has missed at least half of the school sessions this year. "
            + $"We know there are often serious reasons behind this, and we want to work with you to help {forename} back into school; a member of staff will be in touch.",
    };

    /// <summary>
    /// Whether this term's attendance is below 95% and in a lower band than the year's, short of a year already at
    /// persistent absence (whose words already ask to work together).
    /// </summary>
    /// <remarks>
    /// Persistent absence is measured over the year, but a parent reading "excellent" or "a little below 95%" beside a
    /// term figure of 83% is told the opposite of what the figure says; a term in the same band as the year, or at
    /// 95% or more, needs no words of its own.
    /// </remarks>
    private static bool TermFellBelow(AttendanceBand year, AttendanceBand term) =>
        term >= AttendanceBand.AtRisk && term > year && year < AttendanceBand.Persistent;

    private static string TermMeaning(string forename, AttendanceBand year, AttendanceBand term, bool close)
    {
        var overYear = year switch
        {
            AttendanceBand.Excellent => $" Over the year {forename}'s attendance is excellent",
            AttendanceBand.Expected => $" Over the year {forename}'s attendance is in line with what we expect",
            _ when close => $" Over the year {forename}'s attendance is below 95% and close to 90%",
            _ => $" Over the year {forename}'s attendance is a little below 95%",
        };
        var thisTerm = term switch
        {
            AttendanceBand.AtRisk => ", but this term it is below 95%.",
            AttendanceBand.Persistent => $", but this term {forename} has missed 10% or more of the sessions: over a whole year, that level is called persistent absence.",
            _ => $", but this term {forename} has missed half or more of the sessions.",
        };
        return overYear + thisTerm + " If anything is making it hard to get to school, please let us know so that we can help.";
    }

    /// <summary>" Sam has arrived late for 20 sessions this year, 3 of them this term.": the year's count, and how many of them fall in the term.</summary>
    private static string LateText(string forename, int year, int term)
    {
        if (year == 0)
        {
            return "";
        }

        if (year == 1)
        {
            return $" {forename} has arrived late once this year, {(term == 0 ? "before this term" : "during this term")}.";
        }

        var inTerm = term switch
        {
            0 => "none of them this term",
            _ when term >= year => "all of them this term",
            _ => $"{Count(term)} of them this term",
        };
        return $" {forename} has arrived late for {Count(year)} sessions this year, {inTerm}.";
    }
}
