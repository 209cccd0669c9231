using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports.Bundle;

/// <summary>Options for reading a bundle.</summary>
/// <remarks><see cref="FallbackCalendar"/> places attendance when school.json has no usable term dates.</remarks>
public sealed record BundleReadOptions(SchoolCalendar? FallbackCalendar = null, BankHolidays? BankHolidays = null)
{
    public static BundleReadOptions Default { get; } = new();
}

/// <summary>Reads a whole CSV bundle (DESIGN.md section 6) into a <see cref="SchoolExport"/>; bad rows become issues.</summary>
public static class BundleReader
{
    /// <summary>The files a bundle is read from: only these make two exports when an archive holds one of them twice.</summary>
    public static IReadOnlySet<string> FileNames { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        SchoolJson.FileName, PupilsCsv.FileName, ContactsCsv.FileName, StaffCsv.FileName, AssessmentsCsv.FileName, AssessmentsCsv.TargetsFileName,
        BehaviourCsv.FileName, BehaviourCsv.HomeworkFileName, InterventionsCsv.FileName, CaseloadsCsv.FileName, AttendanceCsv.FileName,
    };

    public static SchoolExport Read(IBundleSource source, BundleReadOptions? options = null)
    {
        options ??= BundleReadOptions.Default;
        var issues = new List<ImportIssue>(source.Issues);
        var counts = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);

        var profile = ReadFile(source, SchoolJson.FileName, issues, required: true,
            stream => SchoolJson.Read(stream, options.BankHolidays ?? BankHolidays.EnglandAndWales, issues));
        counts[SchoolJson.FileName] = profile is null ? 0 : 1;
        var scales = profile?.Scales ?? GradeScaleSet.Standard;

        var (pupils, byUpn, pupilColumnsAbsent) = ReadText(source, PupilsCsv.FileName, issues, required: true, text => PupilsCsv.Read(text, issues));
        pupils ??= [];
        byUpn ??= new PupilIndex();
        counts[PupilsCsv.FileName] = pupils.Count;

        var contacts = ReadText(source, ContactsCsv.FileName, issues, false, text => ContactsCsv.Read(text, byUpn, issues));
        counts[ContactsCsv.FileName] = contacts?.Links.Count ?? 0;
        var (staff, roles) = ReadText(source, StaffCsv.FileName, issues, false, text => StaffCsv.Read(text, issues));
        counts[StaffCsv.FileName] = staff?.Count ?? 0;
        var assessments = ReadText(source, AssessmentsCsv.FileName, issues, false, text => AssessmentsCsv.Read(text, byUpn, scales, issues)) ?? [];
        counts[AssessmentsCsv.FileName] = assessments.Count;
        var targets = ReadText(source, AssessmentsCsv.TargetsFileName, issues, false, text => AssessmentsCsv.ReadTargets(text, byUpn, scales, issues)) ?? [];
        counts[AssessmentsCsv.TargetsFileName] = targets.Count;
        var behaviour = ReadText(source, BehaviourCsv.FileName, issues, false, text => BehaviourCsv.Read(text, byUpn, issues)) ?? [];
        counts[BehaviourCsv.FileName] = behaviour.Count;
        var homework = ReadText(source, BehaviourCsv.HomeworkFileName, issues, false, text => BehaviourCsv.ReadHomework(text, byUpn, issues), quietIfMissing: true) ?? [];
        counts[BehaviourCsv.HomeworkFileName] = homework.Count;
        var interventions = ReadText(source, InterventionsCsv.FileName, issues, false, text => InterventionsCsv.Read(text, byUpn, issues), quietIfMissing: true) ?? [];
        counts[InterventionsCsv.FileName] = interventions.Count;
        IReadOnlySet<string>? mentors = staff is null ? null
            : roles!.Concat(profile?.StaffRoles ?? []).Where(r => r.Role == StaffRoleKind.ProgressMentor).Select(r => r.StaffId).ToHashSet(StringComparer.Ordinal);
        var caseloads = ReadText(source, CaseloadsCsv.FileName, issues, false, text => CaseloadsCsv.Read(text, byUpn, mentors, issues), quietIfMissing: true);
        counts[CaseloadsCsv.FileName] = caseloads?.Count ?? 0;

        AttendanceRegisters? attendance = null;
        var calendar = profile?.Calendar ?? options.FallbackCalendar;
        if (calendar is null)
        {
            issues.Add(ImportIssue.Error(AttendanceCsv.FileName, 0, "", "", "attendance was not read: there is no valid calendar (fix the terms in school.json)"));
        }
        else
        {
            attendance = new AttendanceRegisters(calendar);
            var sink = new AttendanceSink(attendance) { MadeOn = profile?.Settings.ExportedAt is { } at ? SchoolClock.DateAt(at) : null };
            counts[AttendanceCsv.FileName] = ReadText(source, AttendanceCsv.FileName, issues, false, text => AttendanceCsv.Read(text, sink, byUpn, issues));
            if (issues.Any(i => i.StopsItsFile && string.Equals(i.File, AttendanceCsv.FileName, StringComparison.OrdinalIgnoreCase)))
            {
                // Marks read before the file was found unusable (its dates month first) must not be stored.
                attendance = null;
            }
        }

        var lastDay = attendance?.LastMarkedDay();
        var markedButUnlisted = byUpn.Unlisted.Where(u => u.Value is { } day && day >= lastDay).Select(u => u.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (pupils.Count > 0 && markedButUnlisted.Count > 0)
        {
            issues.Add(Unlisted(markedButUnlisted, lastDay!.Value));
        }

        return new SchoolExport
        {
            Profile = profile,
            Pupils = pupils,
            Contacts = contacts?.Contacts ?? [],
            ContactLinks = contacts?.Links ?? [],
            PupilsWithContactRows = contacts?.PupilsListed ?? new HashSet<string>(),
            RefusedContactRows = contacts?.Refused ?? [],
            SaysRestrictions = contacts?.SaysRestrictions ?? false,
            SaysCorrespondence = contacts?.SaysCorrespondence ?? false,
            AbsentColumns = new HashSet<CsvColumn>([.. pupilColumnsAbsent ?? new HashSet<CsvColumn>(), .. contacts?.Absent ?? new HashSet<CsvColumn>()]),
            PupilRows = byUpn.WhereById,
            PupilMentions = byUpn.Mentions,
            MarkedButUnlisted = markedButUnlisted,
            Staff = staff ?? [],
            StaffRoles = [.. roles ?? [], .. profile?.StaffRoles ?? []],
            Attendance = attendance,
            Assessments = assessments,
            Targets = targets,
            Behaviour = behaviour,
            Homework = homework,
            Interventions = interventions,
            Caseloads = caseloads,
            Issues = issues,
            RecordsRead = counts,
            FilesWithoutRows = WithoutRows(source, counts, issues),
            ExportedAt = profile?.Settings.ExportedAt,
        };
    }

    /// <summary>The warning that pupils.csv is not the whole roll, sent to the data managers: attendance.csv marks pupils it lacks on its last day.</summary>
    private static ImportIssue Unlisted(IReadOnlySet<string> upns, DateOnly lastDay) =>
        ImportIssue.Warning(PupilsCsv.FileName, 0, "", upns.Order(StringComparer.Ordinal).First(),
            $"pupils.csv does not list {(upns.Count == 1 ? "1 pupil" : $"{upns.Count} pupils")} that attendance.csv marks on {lastDay:yyyy-MM-dd}, its last day " +
            "(their rows are refused below): it is not taken as the whole roll, so nobody is marked as a leaver by this export. " +
            "If pupils.csv was cut short, export the whole roll again") with { TellDataManagers = true };

    /// <summary>The CSV files read that hold a header and no row: none of their records were read, and none was refused.</summary>
    /// <remarks>Opened again only when nothing of the file was accepted, which is rare, and read no further than its first row.</remarks>
    private static HashSet<string> WithoutRows(IBundleSource source, Dictionary<string, long> counts, List<ImportIssue> issues) =>
        counts.Where(c => c.Value == 0 && c.Key.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                && !issues.Any(i => i.StopsItsFile && string.Equals(i.File, c.Key, StringComparison.OrdinalIgnoreCase))
                && ReadFile(source, c.Key, [], required: false, stream =>
                {
                    var (reader, _) = TextDecoding.Open(stream);
                    using (reader)
                    {
                        return CsvTable.HoldsOnlyAHeader(reader);
                    }
                }, quietIfMissing: true))
            .Select(c => c.Key)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The file's records, or nothing when reading it found the file as a whole unusable (<see cref="ImportIssue.StopsItsFile"/>): none of its rows are kept.</summary>
    private static T? ReadText<T>(IBundleSource source, string file, List<ImportIssue> issues, bool required, Func<TextReader, T> read, bool quietIfMissing = false)
    {
        var before = issues.Count;
        var records = ReadFile(source, file, issues, required, stream =>
        {
            var (reader, _) = TextDecoding.Open(stream);
            using (reader)
            {
                return read(reader);
            }
        }, quietIfMissing);
        return issues.Skip(before).Any(i => i.StopsItsFile && string.Equals(i.File, file, StringComparison.OrdinalIgnoreCase)) ? default : records;
    }

    private static readonly string[] s_renamedExtensions = [".csv", ".txt", ".json"];

    /// <summary>The file of the bundle that is probably <paramref name="file"/> under another name, or null.</summary>
    /// <remarks>
    /// A file misspelt by hand ("attendence.csv"), saved again by a browser or Windows beside the first ("contacts (1).csv",
    /// "contacts - Copy.csv") or with a second extension ("pupils.csv.txt") is not read, and "has no attendance.csv" alone
    /// sends the data manager looking for a file they can see. Compared by letters only, the extensions and copy
    /// numbers taken off, at most two letters apart; a file the bundle reads is never the one meant.
    /// </remarks>
    private static string? ProbablyMeant(IBundleSource source, string file)
    {
        static string Stem(string name)
        {
            var stem = name;
            // Only extensions a renamed file may have kept: a workbook (.xlsx) or a CTF (school.ctf.xml) is not a CSV under another name.
            while (s_renamedExtensions.FirstOrDefault(e => stem.EndsWith(e, StringComparison.OrdinalIgnoreCase)) is { } extension)
            {
                stem = stem[..^extension.Length];
            }

            stem = stem.Replace("copy", "", StringComparison.OrdinalIgnoreCase);
            return new string([.. stem.Where(char.IsLetter).Select(char.ToLowerInvariant)]);
        }

        var wanted = Stem(file);
        return source.FileNames
            .Where(name => !FileNames.Contains(name))
            .Select(name => (Name: name, Edits: Quickenshtein.Levenshtein.GetDistance(Stem(name), wanted)))
            .Where(c => c.Edits <= 2)
            .OrderBy(c => c.Edits)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    private static T? ReadFile<T>(IBundleSource source, string file, List<ImportIssue> issues, bool required, Func<Stream, T> read, bool quietIfMissing = false)
    {
        var stream = source.Open(file);
        if (stream is null)
        {
            if (required || !quietIfMissing)
            {
                var meant = ProbablyMeant(source, file) is { } other ? $": it has '{other}', which is not read; if that is the {file}, give it that name and import again" : "";
                issues.Add(new ImportIssue(file, 0, "", "", $"{source.Name} has no {file}{meant}", required ? IssueSeverity.Error : IssueSeverity.Warning));
            }

            return default;
        }

        using (stream)
        {
            try
            {
                return read(stream);
            }
            catch (Exception e) when (e is InvalidDataException or ArchiveLimitExceededException)
            {
                // A corrupt or over-limit archive entry: the rows read so far are lost for this file only.
                issues.Add(ImportIssue.Error(file, 0, "", "", e.Message));
                return default;
            }
        }
    }
}
