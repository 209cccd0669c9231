namespace ProgressFunctions.Core.Ports;

/// <summary>What the storage has cost so far, so that a job can report it.</summary>
/// <remarks>For Cosmos DB this is the sum of the request charges (RU) of every operation since the store was
/// created; the embedded store costs nothing and reports 0. Read it before and after a job and subtract.</remarks>
public interface IStorageCost
{
    double RequestCharge { get; }
}
