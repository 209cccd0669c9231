namespace ProgressFunctions.Infrastructure.Azure;

/// <summary>A thread-safe running total of request units.</summary>
internal sealed class RequestChargeMeter
{
    private double _total;

    public double Total => Volatile.Read(ref _total);

    public void Add(double charge)
    {
        double current = Volatile.Read(ref _total);
        while (true)
        {
            double seen = Interlocked.CompareExchange(ref _total, current + charge, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }
}
