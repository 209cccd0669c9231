using System.Text;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Bundle;

namespace ProgressFunctions.Core.Tests.Imports;

/// <summary>Small bundles written as text, read, checked against a store and merged as ingest does.</summary>
internal static class SmallExports
{
    public static readonly DateTimeOffset At = new(2025, 11, 3, 17, 0, 0, TimeSpan.Zero);

    /// <summary>A valid permanent UPN, one per serial.</summary>
    public static string Upn(int serial) => Core.Imports.Upn.Create(201, 1000, 25, serial);

    public static SchoolExport Read(params (string Name, string Text)[] files) =>
        BundleReader.Read(TestFiles.Bundle([.. files.Select(f => (f.Name, Encoding.UTF8.GetBytes(f.Text)))]));

    /// <summary>The export read from <paramref name="files"/>, checked against <paramref name="known"/>.</summary>
    public static CheckedExport Check(KnownSchool known, params (string Name, string Text)[] files) =>
        StoredChecks.Apply(Read(files), StoredSchool.Of(known));

    /// <summary>What is stored after <paramref name="files"/> are imported into <paramref name="known"/>.</summary>
    public static KnownSchool Import(KnownSchool known, params (string Name, string Text)[] files) =>
        ExportMerge.Apply(known, Check(known, files).Export!, At).School;

    /// <summary>Every pupil id something in the export is attached to, with what; a contact no link uses is attached to "".</summary>
    public static IEnumerable<(string What, string PupilId)> Attached(SchoolExport export) =>
        export.ContactLinks.Select(l => ("contact link " + l.ContactId, l.PupilId))
            .Concat(export.Contacts.Where(c => !export.ContactLinks.Any(l => l.ContactId == c.Id)).Select(c => ("contact " + c.Id, "")))
            .Concat(export.PupilsWithContactRows.Select(p => ("contact rows", p)))
            .Concat((export.Attendance?.ByPupil.Keys ?? []).Select(p => ("attendance", p)))
            .Concat(export.Behaviour.Select(b => ("behaviour", b.PupilId)))
            .Concat(export.Homework.Select(h => ("homework", h.PupilId)))
            .Concat(export.Interventions.Select(i => ("intervention", i.PupilId)))
            .Concat((export.Caseloads ?? []).Select(m => ("caseload " + m.StaffId, m.PupilId)))
            .Concat(export.Assessments.Select(a => ("result", a.PupilId)))
            .Concat(export.Targets.Select(t => ("target", t.PupilId)));
}
