using ProgressFunctions.Core.Imports;

namespace ProgressFunctions.Core.Sending;

/// <summary>The school as its messages present it, from its profile when a decision is made.</summary>
/// <remarks>Replies go to the school's <c>replyTo</c>, else to its own <c>sender</c>, else to the trust-wide <c>Email__ReplyTo</c>.</remarks>
public static class Letterheads
{
    public static Letterhead Of(SchoolProfile profile) =>
        new(profile.Name, profile.Settings.ContactLineFor(profile.Name), profile.Settings.Sender?.ToHeader(), (profile.Settings.ReplyTo ?? profile.Settings.Sender)?.ToHeader())
        {
            Scales = [.. profile.CustomScales.Select(s => new ScaleDefinition(s.Name, s.Grades))],
            SenSections = profile.Settings.SenReport.Sections,
        };

    /// <summary>The grade scales a message's reports are drawn on: the national ones plus the school's own.</summary>
    public static Progress.GradeScaleSet Scales(Letterhead letterhead) =>
        letterhead.Scales.Aggregate(Progress.GradeScaleSet.Standard, (set, s) => set.With(Progress.GradeScale.Custom(s.Name, s.Grades)));
}
