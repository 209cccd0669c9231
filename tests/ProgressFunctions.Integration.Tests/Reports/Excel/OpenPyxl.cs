using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace ProgressFunctions.Integration.Tests.Reports.Excel;

/// <summary>Python's openpyxl (Debian's python3-openpyxl), a second reader of the file itself: panes, filters, formats.</summary>
/// <remarks>
/// LibreOffice converting headless has no window, so it writes no frozen panes; openpyxl reads them from the sheet
/// XML. The system interpreter is used because Debian installs the package for it. A missing package fails the
/// test with the command that installs it.
/// </remarks>
internal static class OpenPyxl
{
    private const string Interpreter = "/usr/bin/python3";

    private const string Script = """
        import json, sys
        import openpyxl
        book = openpyxl.load_workbook(sys.argv[1])
        sheets = []
        for ws in book.worksheets:
            formats = []
            for rng in ws.conditional_formatting:
                for rule in rng.rules:
                    formats.append({"range": str(rng.sqref), "type": rule.type, "operator": rule.operator, "formula": list(rule.formula or []),
                                    "fill": rule.dxf.fill.bgColor.rgb if rule.dxf and rule.dxf.fill is not None else None})
            sheets.append({
                "name": ws.title,
                "freeze": ws.freeze_panes,
                "filter": ws.auto_filter.ref,
                "rows": ws.max_row,
                "formats": formats,
                "numberFormats": sorted({c.number_format for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, (int, float))}),
            })
        print(json.dumps({"sheets": sheets}))
        """;

    public static JsonElement Read(string xlsx)
    {
        Assert.True(File.Exists(Interpreter), $"{Interpreter} is missing: install python3-openpyxl with apt-get (./test.sh does so as root).");
        var start = new ProcessStartInfo(Interpreter, ["-c", Script, xlsx])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"openpyxl could not read {Path.GetFileName(xlsx)}: {errors} (install python3-openpyxl with apt-get)");
        return JsonDocument.Parse(output.Result).RootElement.Clone();
    }
}
