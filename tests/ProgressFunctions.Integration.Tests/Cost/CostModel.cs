namespace ProgressFunctions.Integration.Tests.Cost;

/// <summary>The request units docs/cost.md charges for a document call on Cosmos DB (serverless, session consistency).</summary>
/// <remarks>
/// Reads and writes of one document follow the table in "Understand request unit consumption"
/// (learn.microsoft.com/azure/cosmos-db/understand-request-unit-consumption), linearly between its rows, with
/// 1.00 and 4.95 RU below 1 KB. A query is charged as a point read of each document it returns, plus
/// <see cref="QueryPageUnits"/> per page of at most 500 (the adapter's page size): Cosmos DB documents no formula for
/// queries, so that overhead is this model's assumption. Every document is charged with <see cref="EnvelopeBytes"/>
/// more than its body: the adapter's id, schoolId, type and key and the service's <c>_rid</c>, <c>_self</c>,
/// <c>_etag</c>, <c>_attachments</c> and <c>_ts</c>. A point read that finds nothing is charged 1 RU.
/// </remarks>
public static class CostModel
{
    public const int EnvelopeBytes = 250;
    public const double QueryPageUnits = 2.5;
    public const int QueryPageSize = 500;

    private static readonly (double Kb, double Read, double Write)[] s_table =
    [
        (1, 1.00, 4.95), (2, 1.04, 6.29), (4, 1.14, 6.67), (8, 1.33, 7.04), (16, 1.67, 9.52), (32, 2.19, 11.23),
        (64, 4.76, 22.67), (128, 9.95, 48.19), (256, 20.28, 98.29), (512, 40.95, 184.57), (1024, 145.90, 625.00), (2048, 291.80, 1250.00),
    ];

    public static double ReadUnits(double bodyBytes) => Interpolate(bodyBytes, row => row.Read);

    public static double WriteUnits(double bodyBytes) => Interpolate(bodyBytes, row => row.Write);

    /// <summary>The request units of one call as this model charges them.</summary>
    public static double Units(DocumentCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Operation switch
        {
            DocumentOperation.PointRead => call.Documents == 0 ? 1 : ReadUnits(call.Bytes),
            DocumentOperation.Query => (Math.Max(1, (call.Documents + QueryPageSize - 1) / QueryPageSize) * QueryPageUnits)
                + (call.Documents == 0 ? 0 : call.Documents * ReadUnits((double)call.Bytes / call.Documents)),
            DocumentOperation.Write => WriteUnits(call.Bytes),
            _ => WriteUnits(0),
        };
    }

    /// <summary>The stricter reading the cost target is set against: every document read costs 1 RU per started KB.</summary>
    public static double StrictUnits(DocumentCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Operation switch
        {
            DocumentOperation.PointRead => call.Documents == 0 ? 1 : Math.Ceiling((call.Bytes + EnvelopeBytes) / 1024.0),
            DocumentOperation.Query => (Math.Max(1, (call.Documents + QueryPageSize - 1) / QueryPageSize) * QueryPageUnits)
                + (call.Documents == 0 ? 0 : call.Documents * Math.Ceiling(((double)call.Bytes / call.Documents + EnvelopeBytes) / 1024.0)),
            _ => Units(call),
        };
    }

    private static double Interpolate(double bodyBytes, Func<(double Kb, double Read, double Write), double> column)
    {
        var kb = (bodyBytes + EnvelopeBytes) / 1024.0;
        if (kb <= s_table[0].Kb)
        {
            return column(s_table[0]);
        }

        for (var i = 1; i < s_table.Length; i++)
        {
            if (kb <= s_table[i].Kb)
            {
                var (low, high) = (s_table[i - 1], s_table[i]);
                return column(low) + ((column(high) - column(low)) * (kb - low.Kb) / (high.Kb - low.Kb));
            }
        }

        return column(s_table[^1]) * kb / s_table[^1].Kb;
    }
}
