namespace ProgressFunctions.Core.Schools;

public enum SchoolPhase
{
    Primary,
    Secondary,
    AllThrough,
}
