using System.IO.Compression;
using ProgressFunctions.Cli.Commands;
using ProgressFunctions.TestSupport;

namespace ProgressFunctions.Integration.Tests.Cli;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _dir = TestFolders.New("pf-validate-");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out, string Err) Validate(string path, bool json = false, bool all = false)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = ValidateCommand.Run(path, json, stdout, stderr, all);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Generate(string format)
    {
        var folder = Path.Combine(_dir, format);
        Assert.Equal(0, GenerateCommand.Run(40, "primary", 3, new DateOnly(2026, 7, 10), format, folder, TextWriter.Null, TextWriter.Null));
        return folder;
    }

    [Fact]
    public void Run_GeneratedFolderZipAndCtf_ExitZeroWithSummary()
    {
        var folder = Generate("both");
        var (code, output, _) = Validate(folder);
        Assert.Equal(0, code);
        Assert.Contains("pupils.csv: 40 records read", output);
        Assert.EndsWith("0 errors, 0 warnings" + Environment.NewLine, output);
        Assert.StartsWith("school.json: ", output, StringComparison.Ordinal);   // no blank line where no issue is listed
        Assert.DoesNotContain("note: a CTF", output, StringComparison.Ordinal);

        var zip = Path.Combine(_dir, "bundle.zip");
        File.Delete(Path.Combine(folder, "school.ctf.xml"));
        ZipFile.CreateFromDirectory(folder, zip);
        Assert.Equal(0, Validate(zip).Code);

        var ctfFolder = Generate("ctf");
        var ctf = Validate(Path.Combine(ctfFolder, "school.ctf.xml"));
        Assert.Equal(0, ctf.Code);
        // Ingest refuses a CTF for a school not yet stored: validate says so rather than "0 errors" alone.
        Assert.Contains("note: a CTF carries no term dates or grade scales, so it can update a school already in the store but not start one", ctf.Out, StringComparison.Ordinal);
    }

    /// <summary>Dates written month first: the line saying pupils.csv was refused comes first, and each kind of row problem it causes is shown five times, then counted.</summary>
    [Fact]
    public void Run_MonthFirstDates_WholeFileErrorFirstAndFiveOfEachKind()
    {
        var folder = Generate("csv");
        var pupils = Path.Combine(folder, "pupils.csv");
        File.WriteAllText(pupils, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(pupils), @"(\d{4})-(\d{2})-(\d{2})", "$2/$3/$1"));
        var contactRows = File.ReadAllLines(Path.Combine(folder, "contacts.csv")).Length - 1;

        var (code, output, _) = Validate(folder);
        var (_, everyOne, _) = Validate(folder, all: true);

        Assert.Equal(1, code);
        var lines = output.Split(Environment.NewLine);
        Assert.StartsWith("pupils.csv: the dates of pupils.csv are written month first (MM/dd/yyyy)", lines[0]);
        Assert.Equal(5, lines.Count(l => l.StartsWith("contacts.csv:", StringComparison.Ordinal) && l.EndsWith(": no pupil with this UPN in pupils.csv", StringComparison.Ordinal)));
        Assert.Contains($"contacts.csv:Pupil UPN: and {contactRows - 5} more rows like the 5 above (--all lists every one)", lines);
        Assert.Equal(contactRows, everyOne.Split(Environment.NewLine).Count(l => l.StartsWith("contacts.csv:", StringComparison.Ordinal) && l.EndsWith(": no pupil with this UPN in pupils.csv", StringComparison.Ordinal)));
    }

    [Fact]
    public void Run_RowErrors_ExitOneAndFileLineColumnReason()
    {
        var folder = Generate("csv");
        var attendance = Path.Combine(folder, "attendance.csv");
        var lines = File.ReadAllLines(attendance);
        var fields = lines[5].Split(',');
        fields[3] = "Q9";
        lines[5] = string.Join(',', fields);
        File.WriteAllLines(attendance, lines);
        var (code, output, _) = Validate(folder);
        Assert.Equal(1, code);
        Assert.Contains("attendance.csv:6:Mark: unknown attendance code 'Q9'", output);
        var (jsonCode, json, _) = Validate(folder, json: true);
        Assert.Equal(1, jsonCode);
        Assert.Contains("\"errors\": 1", json);
    }

    /// <summary>attendance.csv with its rows pasted in twice: every row's warning names its own date and marks, and they are still
    /// two kinds (AM and PM sessions), five of each shown and the rest counted, not a line per row.</summary>
    [Fact]
    public void Run_AttendanceRowsGivenTwice_FiveDoubleMarkWarningsOfEachSessionThenCounted()
    {
        var folder = Generate("csv");
        var attendance = Path.Combine(folder, "attendance.csv");
        var lines = File.ReadAllLines(attendance);
        File.WriteAllLines(attendance, [.. lines, .. lines.Skip(1)]);

        var (code, output, _) = Validate(folder);
        var (_, everyOne, _) = Validate(folder, all: true);

        Assert.Equal(0, code);
        var shown = output.Split(Environment.NewLine);
        Assert.Equal(5, shown.Count(l => l.Contains(": warning: two marks for the AM session", StringComparison.Ordinal)));
        Assert.Equal(5, shown.Count(l => l.Contains(": warning: two marks for the PM session", StringComparison.Ordinal)));
        var counted = shown.Where(l => l.StartsWith("attendance.csv:Mark: and ", StringComparison.Ordinal))
            .Select(l => int.Parse(l.Split(' ')[2], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, counted.Count);
        Assert.Equal(lines.Length - 1, 10 + counted.Sum());
        Assert.Equal(lines.Length - 1, everyOne.Split(Environment.NewLine).Count(l => l.Contains(": warning: two marks for the ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Run_TwoFamiliesGivenOneAddress_WarnsAsTheImportWouldWithoutNamingTheAddress()
    {
        var folder = Generate("csv");
        var path = Path.Combine(folder, "contacts.csv");
        var lines = File.ReadAllLines(path).ToList();
        var header = lines[0].Split(',');
        var (email, upn, id) = (Array.IndexOf(header, "Email"), Array.IndexOf(header, "Pupil UPN"), Array.IndexOf(header, "Contact ID"));
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        var first = rows.First(r => r[email].Length > 0);
        var familyOfFirst = rows.Where(r => r[upn] == first[upn]).Select(r => r[id]).ToHashSet();
        var other = rows.First(r => r[email].Length > 0 && r[upn] != first[upn] && !familyOfFirst.Contains(r[id]) && rows.Where(s => s[upn] == r[upn]).All(s => !familyOfFirst.Contains(s[id])));
        foreach (var row in rows.Where(r => r[id] == other[id]))
        {
            row[email] = first[email];
        }

        File.WriteAllLines(path, [lines[0], .. rows.Select(r => string.Join(',', r))]);

        var (code, output, _) = Validate(folder);

        Assert.Equal(0, code);
        Assert.Contains("contacts.csv:Email: warning: 2 contacts of different families have the same e-mail address", output);
        Assert.DoesNotContain(first[email], output, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("0 errors, 1 warning" + Environment.NewLine, output);
    }

    [Theory]
    [InlineData("missing.zip", null, "does not exist")]
    [InlineData("fake.zip", "PK not really a zip", "not a readable zip")]
    [InlineData("notes.txt", "hello", "is neither a zip archive of a CSV bundle nor an XML (CTF) file")]
    public void Run_Unreadable_ExitTwoOneLine(string name, string? content, string message)
    {
        var path = Path.Combine(_dir, name);
        if (content is not null)
        {
            File.WriteAllText(path, content);
        }

        var (code, output, error) = Validate(path);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(message, error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
