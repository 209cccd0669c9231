using ProgressFunctions.Core.Progress.DefaultTargets;

namespace ProgressFunctions.Core.Tests.Progress.DefaultTargets;

/// <summary>Figures from the DfE 2024 KS2->KS4 transition matrices (all pupils), as shipped; see Data/SOURCES.md.</summary>
public class TransitionMatricesTests
{
    private static readonly TransitionMatrices s_dfe = TransitionMatrices.Dfe2024;

    [Fact]
    public void MostLikely_MathematicsBand100To102_IsGrade4At31Point0Percent()
    {
        // CSV row: Total/Total, "100 - 102", Mathematics: num_4 = 18362 of all_grades 59175, perc_4 = 31.
        var likely = s_dfe.MostLikely("Mathematics", 101m)!;
        Assert.Equal(("100 - 102", "4", 18362, 59175), (likely.Ks2Group, likely.Grade, likely.Pupils, likely.AllPupils));
        Assert.Equal("31.0%", Percentages.Format(likely.Percentage));
    }

    [Fact]
    public void MostLikely_MathematicsBand110To113_IsGrade6At22Point2Percent()
    {
        // CSV row: num_5 16976, num_6 18588, num_7 18163 of 83820; perc_6 = 22.2.
        var likely = s_dfe.MostLikely("Maths", 110m)!;
        Assert.Equal(("110 - 113", "6", 18588), (likely.Ks2Group, likely.Grade, likely.Pupils));
        Assert.Equal("22.2%", Percentages.Format(likely.Percentage));
    }

    [Fact]
    public void MostLikely_EnglishLanguageBand100To102_IsGrade3At27Point4Percent()
    {
        // CSV row: num_3 16204, num_4 14516 of 59165; perc_3 = 27.4, perc_4 = 24.5.
        var likely = s_dfe.MostLikely("English", 100m)!;
        Assert.Equal(("English Language", "3"), (likely.Subject, likely.Grade));
        Assert.Equal("27.4%", Percentages.Format(likely.Percentage));
    }

    [Fact]
    public void MostLikely_NoScaledScore_UsesThatRowWhereOnePupilDecidesIt()
    {
        // Mathematics, "No scaled score": grade 4 has 6109 pupils and grade 5 has 6108.
        var likely = s_dfe.MostLikely("Mathematics", null)!;
        Assert.Equal(("No scaled score", "4", 6109), (likely.Ks2Group, likely.Grade, likely.Pupils));
    }

    [Theory]
    [InlineData("79.5", "Less than 80")]
    [InlineData("80", "80 - 89.5")]
    [InlineData("102", "100 - 102")]
    [InlineData("102.5", "102.5 - 104.5")]
    [InlineData("120", "117 - 120")]
    public void Row_Ks2Score_FindsItsGroup(string score, string group) =>
        Assert.Equal(group, s_dfe.Row("Mathematics", decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture))!.Group.Label);

    [Fact]
    public void Row_ScoreAboveTheScaleOrUnknownSubject_FindsNothing()
    {
        Assert.Null(s_dfe.Row("Mathematics", 121m));
        Assert.Null(s_dfe.Row("Underwater Basket Weaving", 105m));
    }

    [Fact]
    public void Dfe2024_Shipped_HasAllThirtyFourSubjects() => Assert.Equal(34, s_dfe.Subjects.Count);

    [Fact]
    public void MostLikely_TiedCounts_TakesTheHigherGrade()
    {
        var parsed = TransitionMatricesCsv.Parse(Header + "100 - 102,Latin,0,0,0,0,5,5,0,0,0,0,0,10\n");
        Assert.Equal("5", parsed.Matrices!.MostLikely("Latin", 101m)!.Grade);
    }

    [Fact]
    public void Parse_PublishedLayoutWithQuotes_KeepsOnlyAllPupilRows()
    {
        const string Csv = "\"breakdown_topic\",\"breakdown\",\"ks2_scaled_score_group\",\"subject\",\"num_1\",\"num_2\",\"num_3\",\"num_4\",\"num_5\",\"num_6\",\"num_7\",\"num_8\",\"num_9\",\"num_U\",\"all_grades\"\n"
            + "\"Total\",\"Total\",\"100 - 102\",\"Design & Technology, Product\",0,0,1,7,2,0,0,0,0,0,10\n"
            + "\"Sex\",\"Boys\",\"100 - 102\",\"Design & Technology, Product\",0,0,9,0,0,0,0,0,0,0,9\n"
            + "\"Total\",\"Total\",\"Total\",\"Design & Technology, Product\",0,0,9,0,0,0,0,0,0,0,9\n";
        var parsed = TransitionMatricesCsv.Parse(Csv);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal("4", parsed.Matrices!.MostLikely("Design & Technology, Product", 100m)!.Grade);
    }

    [Fact]
    public void Parse_BadRows_AreReportedByLineAndTheGoodRowsKept()
    {
        var parsed = TransitionMatricesCsv.Parse(Header
            + "100 - 102,Latin,0,0,0,0,5,5,0,0,0,0,0,10\n"
            + "about 100,Latin,0,0,0,0,5,5,0,0,0,0,0,10\n"
            + "102.5 - 104.5,Latin,0,0,0,0,x,5,0,0,0,0,0,10\n"
            + "105 - 107,Latin,0,0,0\n"
            + "107.5 - 109.5,Latin,0,0,0,0,9,9,0,0,0,0,0,10\n");

        Assert.NotNull(parsed.Matrices);
        Assert.Equal(
            [
                "line 3: 'about 100' in ks2_scaled_score_group is not a KS2 score group",
                "line 4: 'x' in num_4 is not a whole number of pupils",
                "line 5: 5 fields where the header has 14",
                "line 6: the grade counts add up to more than all_grades (10)",
            ],
            parsed.Errors);
    }

    [Fact]
    public void Parse_MissingColumn_ReturnsNoMatricesAndSaysWhich()
    {
        var parsed = TransitionMatricesCsv.Parse("ks2_scaled_score_group,subject,num_U\n100 - 102,Latin,1\n");
        Assert.Null(parsed.Matrices);
        Assert.StartsWith("line 1: missing column(s) all_grades, num_1", Assert.Single(parsed.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Empty_ReturnsAnErrorNotAnException() => Assert.Null(TransitionMatricesCsv.Parse("").Matrices);

    private const string Header = "ks2_scaled_score_group,subject,num_U,num_1,num_2,num_3,num_4,num_5,num_6,num_7,num_8,num_9,num_X,all_grades\n";
}
