namespace ProgressFunctions.Integration.Tests.Storage.Contracts;

/// <summary>A document body shaped like the product's: nested values, dates, lists, nulls.</summary>
public sealed record TestPupil(string Name, int YearGroup, DateOnly? DateOfBirth, IReadOnlyList<string> Tags, string? Note = null)
{
    public static TestPupil Sample(int n) =>
        new($"Pupil {n} Ælfrīc", 7 + (n % 5), new DateOnly(2012, 1, 1).AddDays(n % 365), ["sen", $"group-{n % 10}"]);
}
