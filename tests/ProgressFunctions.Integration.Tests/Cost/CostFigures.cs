using System.Globalization;
using System.Text;

namespace ProgressFunctions.Integration.Tests.Cost;

/// <summary>A step's cost per pupil (or per report) as one line of text, for the test output that docs/cost.md quotes.</summary>
internal static class CostFigures
{
    public static string Describe(StepCost step, double per, string unit)
    {
        ArgumentNullException.ThrowIfNull(step);
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"{step.Step} per {unit}: {step.Requests / per:0.00} requests, {step.DocumentsRead / per:0.00} docs read ({step.BytesRead / per / 1024:0.00} KB), " +
            $"{step.DocumentsWritten / per:0.00} docs written ({step.BytesWritten / per / 1024:0.00} KB), {step.Units / per:0.00} RU (reads {step.ReadUnits / per:0.00}, writes {step.WriteUnits / per:0.00}; strict {step.StrictUnits / per:0.00}), " +
            $"{step.StorageTransactions / per:0.000} storage transactions [{string.Join(", ", step.Transactions.OrderBy(t => t.Key).Select(t => $"{t.Key} {t.Value}"))}]"));
        foreach (var (type, documents, bytes) in step.ReadsByType)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n    read  {type,-18} {documents,7} docs {bytes / 1024.0,10:0.0} KB");
        }

        foreach (var (type, documents, bytes) in step.WritesByType)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n    write {type,-18} {documents,7} docs {bytes / 1024.0,10:0.0} KB");
        }

        return text.ToString();
    }
}
