using ProgressFunctions.Integration.Tests.Integrity;

namespace ProgressFunctions.Integration.Tests.Cli;

public class SendingCommandsTests
{
    private const string Batch = "parents-2025-26-spring-end";

    /// <summary>The mail server refuses the connection as the batch is released: nothing went, and the line must not read as if all did.</summary>
    [Fact]
    public void Release_MailServerDown_SaysHowManyFailedAndWhy()
    {
        var folder = CliProcess.TempFolder();
        IntegrityRun.NewExport(pupils: 12).WriteFolder(Path.Combine(folder, "export"));
        string[] data = ["--data", Path.Combine(folder, "data")];
        Assert.Equal(0, CliProcess.Run(folder, ["ingest", "export", "--school", "100001", .. data]).ExitCode);
        Assert.Equal(0, CliProcess.Run(folder, ["snapshot", "--school", "100001", "--term", "autumn", "--point", "start", "--as-of", "2025-12-05", .. data]).ExitCode);
        var down = new Dictionary<string, string>
        {
            ["Email__Provider"] = "Smtp", ["Email__From"] = "office@school.example", ["Smtp__Host"] = "127.0.0.1", ["Smtp__Port"] = "9",
            ["Smtp__Security"] = "None", ["Smtp__MaxAttempts"] = "1", ["Smtp__Timeout"] = "00:00:05",
        };

        var released = CliProcess.Run(folder, down, ["release", "--school", "100001", "--batch", "parents-2025-26-autumn-start", .. data]);

        Assert.Contains("the queue then sent 0 e-mails in all", released.Output);
        Assert.Matches(@"; [1-9]\d* failed and wait to be tried again \(progress dispatch, run-due\) \(the last failure: ", released.Output);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(folder, "data"), "*.eml", SearchOption.AllDirectories));
    }

    /// <remarks>The README: pupils appear by pseudonymous id in the terminal; names only in files the user asks for.</remarks>
    [Fact]
    public void NotSent_WithoutCsv_TerminalShowsIdsAndReasonsAndNamesOnlyInTheCsv()
    {
        var folder = CliProcess.TempFolder();
        var demo = CliProcess.Run(folder, "demo", "--pupils", "80", "--as-of", "2026-03-20", "--out", "out");
        Assert.True(demo.ExitCode == 0, demo.Error);

        var terminal = CliProcess.Run(folder, "not-sent", "--school", "100001", "--batch", Batch, "--data", "out/data");
        var csv = CliProcess.Run(folder, "not-sent", "--school", "100001", "--batch", Batch, "--data", "out/data", "--csv", "not-reached.csv");

        Assert.Equal(0, terminal.ExitCode);
        Assert.Equal(0, csv.ExitCode);
        var rows = File.ReadAllLines(Path.Combine(folder, "not-reached.csv")).Skip(1).Select(Cells).ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            Assert.Contains(row[0], terminal.Output);
            Assert.Contains(row[6], terminal.Output);
            if (row[4].Length > 0)
            {
                Assert.Contains(row[4], terminal.Output);
            }

            foreach (var personal in new[] { row[1], row[2], row[5] }.Where(v => v.Length > 0))
            {
                Assert.DoesNotContain(personal, terminal.Output);
            }
        }

        Assert.Contains("--csv not-reached.csv", terminal.Output);
        Assert.Contains("not-reached.csv has each pupil's and contact's name and the pupil's UPN, to follow them up", csv.Output);
    }

    /// <summary>The cells of one row of a spreadsheet-safe CSV (quoted cells, doubled quotes).</summary>
    private static string[] Cells(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            switch (line[i])
            {
                case '"' when quoted && i + 1 < line.Length && line[i + 1] == '"':
                    cell.Append('"');
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case ',' when !quoted:
                    cells.Add(cell.ToString());
                    cell.Clear();
                    break;
                default:
                    cell.Append(line[i]);
                    break;
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }
}
