using System.Text.RegularExpressions;
using ProgressFunctions.Core.Email;

namespace ProgressFunctions.Integration.Tests.Integrity;

/// <summary>The rule that must hold for every message, computed from the export's own rows: nobody receives another child's report.</summary>
/// <remarks>
/// Each attachment of a parent report or attendance letter names its pupil in its title (<see cref="TitleRenderer"/>);
/// the pupil's UPN comes from pupils.csv by that name (names are made distinct first), and the recipient must be an
/// address contacts.csv gives for that UPN on a row with parental responsibility, correspondence on and no
/// restriction. Checked by address, not by id, so a contact id used for two people cannot hide a wrong send. A parent
/// report's attachment is named after the child in it.
/// </remarks>
internal static partial class RoutingInvariant
{
    public static int AssertHolds(EditableExport export, IEnumerable<EmailMessage> sent)
    {
        var upnByName = new Dictionary<string, string>(StringComparer.Ordinal);
        var pupils = export.Pupils;
        for (var i = 0; i < pupils.Rows.Count; i++)
        {
            var forename = pupils.Get(i, "Preferred Forename") is { Length: > 0 } preferred ? preferred : pupils.Get(i, "Legal Forename");
            upnByName.TryAdd(Normal($"{forename} {pupils.Get(i, "Legal Surname")}"), pupils.Get(i, "UPN").ToUpperInvariant());
        }

        var contacts = export.Contacts;
        var allowed = Enumerable.Range(0, contacts.Rows.Count)
            .Where(i => IsYes(contacts.Get(i, "Parental Responsibility")) && !IsNo(contacts.Get(i, "Receives Correspondence")) && contacts.Get(i, "Restriction").Length == 0)
            .Select(i => (Upn: contacts.Get(i, "Pupil UPN").ToUpperInvariant(), Email: contacts.Get(i, "Email").Trim().ToLowerInvariant()))
            .ToHashSet();

        var checkedReports = 0;
        foreach (var message in sent.Where(m => m.Categories.Contains("parent") || m.Categories.Contains("attendanceletter")))
        {
            foreach (var attachment in message.Attachments)
            {
                var title = TitleRenderer.TitleOf(attachment);
                var name = Normal(PupilNameIn(title));
                Assert.True(upnByName.TryGetValue(name, out var upn), $"a report about '{name}', who is not in pupils.csv, was sent");
                if (title.StartsWith("Progress report: ", StringComparison.Ordinal))
                {
                    // The family sees the child's name on the file: it must be the child the report is about.
                    Assert.StartsWith(Core.Reports.ReportFormat.SafeAttachmentName(PupilNameIn(title)) + " - ", attachment.FileName, StringComparison.Ordinal);
                }
                foreach (var to in message.To)
                {
                    Assert.True(allowed.Contains((upn!, to.Address.ToLowerInvariant())),
                        $"{attachment.FileName} (pupil {upn}) was sent to {to.Masked}, who is not a contact of that pupil with parental responsibility");
                }

                checkedReports++;
            }
        }

        return checkedReports;
    }

    private static string PupilNameIn(string title) =>
        title.StartsWith("Progress report: ", StringComparison.Ordinal) ? title["Progress report: ".Length..]
        : AboutLetter().Match(title) is { Success: true } m ? m.Groups["name"].Value
        : throw new InvalidOperationException($"not a pupil's report: '{title}'");

    private static string Normal(string name) => Spaces().Replace(name, " ").Trim();

    private static bool IsYes(string value) => value.Trim().ToUpperInvariant() is "Y" or "YES" or "TRUE" or "1";

    private static bool IsNo(string value) => value.Trim().ToUpperInvariant() is "N" or "NO" or "FALSE" or "0";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("^About (?<name>.+)'s attendance$")]
    private static partial Regex AboutLetter();
}
