using ProgressFunctions.Core.Reports.Documents;

namespace ProgressFunctions.Core.Reports;

/// <summary>Lays out a finished report as a file (PDF in production).</summary>
/// <remarks>Implementations are deterministic: the same document gives the same bytes.</remarks>
public interface IReportRenderer
{
    string ContentType { get; }

    byte[] Render(ReportDocument document);
}
