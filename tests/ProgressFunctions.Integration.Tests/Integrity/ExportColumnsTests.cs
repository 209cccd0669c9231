using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Integration.Tests.Jobs;

namespace ProgressFunctions.Integration.Tests.Integrity;

/// <summary>Exports whose header lacks an optional column: what the store holds for that field is not wiped, and the data manager is told once.</summary>
public class ExportColumnsTests
{
    [Theory]
    [InlineData("pupils.csv", "SEN", "K")]
    [InlineData("pupils.csv", "FSM", "Y")]
    [InlineData("pupils.csv", "Looked After", "Y")]
    [InlineData("pupils.csv", "Date of Birth", "2012-05-06")]
    [InlineData("contacts.csv", "Restriction", "No contact (court order)")]
    [InlineData("contacts.csv", "Parental Responsibility", "Y")]
    [InlineData("contacts.csv", "Email", null)]     // as generated: every row of a contact gives one address
    [InlineData("contacts.csv", "Priority", "3")]
    public async Task Ingest_SecondExportWithoutAnOptionalColumn_NothingStoredChangesAndOneWarningNamesFileAndColumn(string file, string column, string? stored)
    {
        using var fixture = new JobsFixture();
        var export = new EditableExport(JobsFixture.Generate());
        if (stored is null)
        {
            Assert.NotEmpty(export.Tables[file].Get(0, column));
        }
        else
        {
            export.Tables[file].Set(0, column, stored);
        }

        await fixture.IngestAsync(export.Zip());
        var before = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Clock, JobsFixture.School, CancellationToken.None);
        export.Tables[file].RemoveColumn(column);

        var result = await fixture.IngestAsync(export.Zip(), "without-a-column.zip");

        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        Assert.True(result.Summary!.ChangedNothing, result.Message);
        var after = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(before.Pupils.Values.Select(p => p.Pupil).OrderBy(p => p.Id), after.Pupils.Values.Select(p => p.Pupil).OrderBy(p => p.Id));
        Assert.Equal(before.Pupils.Values.SelectMany(p => p.Links).ToHashSet(), after.Pupils.Values.SelectMany(p => p.Links).ToHashSet());
        Assert.Equal(before.Contacts.Values.OrderBy(c => c.Id), after.Contacts.Values.OrderBy(c => c.Id));
        var warning = Assert.Single(result.WarningsFirstToRead, w => w.Column == column);
        Assert.Equal((file, 1), (warning.File, warning.Line));
        Assert.StartsWith($"{file} has no {column} column: the stored ", warning.Reason, StringComparison.Ordinal);
    }

    /// <summary>Nothing is stored to keep on a school's first import: a contacts.csv without restrictions is said to the data managers, who must check before reports go.</summary>
    [Fact]
    public async Task Ingest_FirstExportWithoutTheRestrictionColumn_DataManagersToldNoContactIsTreatedAsRestricted()
    {
        using var fixture = new JobsFixture();
        var export = new EditableExport(JobsFixture.Generate());
        export.Contacts.RemoveColumn("Restriction");

        var result = await fixture.IngestAsync(export.Zip());

        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        var warning = Assert.Single(result.WarningsFirstToRead, w => w.Column == "Restriction");
        Assert.True(warning.TellDataManagers);
        Assert.Contains("no contact is treated as restricted", warning.Reason, StringComparison.Ordinal);
        await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.NotEmpty(Directory.GetFiles(fixture.OutboxDirectory, "ImportErrors.*.eml"));
    }
}
