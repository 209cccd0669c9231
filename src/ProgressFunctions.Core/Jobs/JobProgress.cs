namespace ProgressFunctions.Core.Jobs;

/// <summary>Progress of a long step, for a person watching.</summary>
public interface IJobProgress
{
    void Report(string step, long done, long total);
}

public static class JobProgress
{
    public static IJobProgress None { get; } = new Silent();

    private sealed class Silent : IJobProgress
    {
        public void Report(string step, long done, long total)
        {
        }
    }
}
