using ProgressFunctions.Core.Reports.Subjects;

namespace ProgressFunctions.Core.Reports;

/// <summary>Lays out a workbook as a spreadsheet file (<c>.xlsx</c> in production), to attach beside a report's PDF.</summary>
/// <remarks>The file holds the workbook's figures as they are: grades as the scale's values, labelled with the grade.</remarks>
public interface IWorkbookRenderer
{
    string ContentType { get; }

    byte[] Render(ProgressWorkbook workbook);
}
