using System.Collections.Concurrent;
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

    private static readonly ConcurrentDictionary<string, Progress.GradeScaleSet> s_scaleSets = new(StringComparer.Ordinal);

    /// <summary>The grade scales a message's reports are drawn on: the national ones plus the school's own.</summary>
    /// <remarks>
    /// Every report of a school asks for the same set; it is built once per distinct list of definitions (names and
    /// grades, in order) and shared, since a set never changes once built. At most a few hundred are kept.
    /// </remarks>
    public static Progress.GradeScaleSet Scales(Letterhead letterhead)
    {
        if (letterhead.Scales.Count == 0)
        {
            return Progress.GradeScaleSet.Standard;
        }

        var key = string.Join('\u001e', letterhead.Scales.Select(s => s.Name + '\u001f' + string.Join('\u001f', s.Grades)));
        if (s_scaleSets.TryGetValue(key, out var known))
        {
            return known;
        }

        // Counted only when a set is added: Count takes every lock of the dictionary, and every report asks.
        if (s_scaleSets.Count >= 256)
        {
            s_scaleSets.Clear();
        }

        return s_scaleSets.GetOrAdd(key, _ => letterhead.Scales.Aggregate(Progress.GradeScaleSet.Standard, (set, s) => set.With(Progress.GradeScale.Custom(s.Name, s.Grades))));
    }
}
