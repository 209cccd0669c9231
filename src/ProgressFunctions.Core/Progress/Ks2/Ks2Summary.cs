namespace ProgressFunctions.Core.Progress.Ks2;

/// <summary>How many pupils of a cohort met a KS2 standard and the higher standard in one measure.</summary>
/// <remarks>
/// Percentages are of every pupil in the cohort, including those with no score (they have not met the standard), as
/// DfE publishes; exact, and null for an empty cohort. Round only to show them (<see cref="Percentages.Format"/>).
/// </remarks>
public sealed record Ks2MeasureSummary(string Measure, int Pupils, int Expected, int Higher)
{
    public decimal? ExpectedPercentage => Percentages.Of(Expected, Pupils);

    public decimal? HigherPercentage => Percentages.Of(Higher, Pupils);
}

/// <summary>The KS2 SATs summary for a Year 6 cohort: each test, writing, and reading-writing-maths combined.</summary>
/// <remarks>
/// Tests (reading, maths, GPS): expected = scaled score &gt;= 100, higher = the high score, &gt;= 110. Writing:
/// expected = EXS or GDS, higher = GDS. RWM: expected = reading and maths &gt;= 100 and writing EXS or GDS; higher =
/// reading and maths &gt;= 110 and writing GDS.
/// </remarks>
public sealed record Ks2Summary(
    int Pupils,
    Ks2MeasureSummary Reading,
    Ks2MeasureSummary Maths,
    Ks2MeasureSummary Gps,
    Ks2MeasureSummary Writing,
    Ks2MeasureSummary ReadingWritingMaths)
{
    public static Ks2Summary Of(IEnumerable<Ks2PupilResults> cohort)
    {
        var pupils = cohort.DistinctBy(p => p.PupilId).ToList();
        Ks2MeasureSummary Measure(string name, Func<Ks2PupilResults, bool> expected, Func<Ks2PupilResults, bool> higher) =>
            new(name, pupils.Count, pupils.Count(expected), pupils.Count(higher));

        return new Ks2Summary(
            pupils.Count,
            Measure("Reading", p => p.Reading >= Ks2PupilResults.ExpectedStandard, p => p.Reading >= Ks2PupilResults.HighScore),
            Measure("Maths", p => p.Maths >= Ks2PupilResults.ExpectedStandard, p => p.Maths >= Ks2PupilResults.HighScore),
            Measure("Grammar, punctuation and spelling", p => p.Gps >= Ks2PupilResults.ExpectedStandard, p => p.Gps >= Ks2PupilResults.HighScore),
            Measure("Writing (teacher assessment)", p => p.WritingExpected, p => p.WritingGreaterDepth),
            Measure("Reading, writing and maths", p => p.RwmExpected, p => p.RwmHigher));
    }
}
