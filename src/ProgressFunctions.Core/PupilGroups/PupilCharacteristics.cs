using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.PupilGroups;

/// <summary>The characteristics a pupil's figures are broken down by, as the MIS gave them when a snapshot was taken.</summary>
/// <remarks>
/// Disadvantaged follows the DfE: eligible for free school meals (in the last six years), looked after, or adopted from
/// care, which the pupil premium covers; an MIS may flag a looked-after pupil without the pupil premium, so the flag
/// counts on its own. This is the one rule: every report's groups and gaps and the workbooks' column use it.
/// <see cref="Gender"/> is as the export wrote it (<c>F</c>, <c>M</c>...), trimmed.
/// </remarks>
public sealed record PupilCharacteristics(string Gender, bool FreeSchoolMeals, bool PupilPremium, bool EnglishAdditionalLanguage, bool LookedAfter)
{
    public bool Disadvantaged => FreeSchoolMeals || PupilPremium || LookedAfter;

    public static PupilCharacteristics Of(Pupil pupil) =>
        new(pupil.Gender.Trim(), pupil.FreeSchoolMeals, pupil.PupilPremium, pupil.EnglishAdditionalLanguage, pupil.LookedAfter);
}

/// <summary>What pupils are grouped by for the gaps between groups.</summary>
public enum GroupDimension
{
    /// <summary>Disadvantaged (FSM, pupil premium or looked after) or not.</summary>
    Disadvantaged,
    /// <summary>No SEN, SEN support, EHC plan.</summary>
    Sen,
    EnglishAdditionalLanguage,
    LookedAfter,
    Gender,
    YearGroup,
}
