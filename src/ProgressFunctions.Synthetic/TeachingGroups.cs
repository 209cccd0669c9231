using System.Globalization;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Synthetic;

/// <summary>The class each pupil is taught in for each subject.</summary>
/// <remarks>
/// Primary: the pupil's class (registration group). Secondary: "{year}{subject code}{set}" (10Ma2), about 28 pupils to
/// a group; English, mathematics and science are set by standing (set 1 the highest), the other subjects are taught in
/// mixed groups by form.
/// </remarks>
internal static class TeachingGroups
{
    private static readonly Dictionary<string, string> s_codes = new(StringComparer.Ordinal)
    {
        ["English"] = "En", ["Mathematics"] = "Ma", ["Science"] = "Sc", ["History"] = "Hi",
        ["Geography"] = "Gg", ["French"] = "Fr", ["Art"] = "Ar", ["Computing"] = "Cp",
    };

    private static readonly HashSet<string> s_setted = ["English", "Mathematics", "Science"];

    public static Dictionary<Course, string> Assign(IReadOnlyList<Course> courses, SchoolPhase phase)
    {
        var groups = new Dictionary<Course, string>(ReferenceEqualityComparer.Instance);
        if (phase == SchoolPhase.Primary)
        {
            foreach (var course in courses)
            {
                groups[course] = course.Entry.Pupil.RegistrationGroup;
            }

            return groups;
        }

        foreach (var cohort in courses.GroupBy(c => (c.Entry.Pupil.YearGroup, c.Subject)))
        {
            var (year, subject) = cohort.Key;
            var members = s_setted.Contains(subject)
                ? cohort.OrderByDescending(c => c.Standing).ToList()
                : cohort.OrderBy(c => c.Entry.Pupil.RegistrationGroup, StringComparer.Ordinal).ThenBy(c => c.Entry.Place).ToList();
            var sets = Math.Max(1, (int)Math.Round(members.Count / 28.0));
            for (var i = 0; i < members.Count; i++)
            {
                groups[members[i]] = string.Create(CultureInfo.InvariantCulture, $"{year}{s_codes[subject]}{1 + (i * sets / members.Count)}");
            }
        }

        return groups;
    }
}
