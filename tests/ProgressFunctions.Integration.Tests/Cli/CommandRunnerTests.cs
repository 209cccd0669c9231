using System.Net.Sockets;
using Azure.Identity;
using Microsoft.Extensions.Options;
using ProgressFunctions.Cli.Commands;

namespace ProgressFunctions.Integration.Tests.Cli;

public sealed class CommandRunnerTests
{
    private static async Task<(int Exit, string Error)> RunAsync(Exception thrown)
    {
        using var error = new StringWriter();
        var exit = await CommandRunner.RunAsync("batches", verbose: false, error, () => Task.FromException<int>(thrown));
        return (exit, error.ToString());
    }

    [Fact]
    public async Task RunAsync_NoAzureSignIn_OneLineNamingTheSettingsAndWhatToDo()
    {
        // What the Cosmos client throws when CosmosDb__Endpoint is set without a key on a machine with no Azure sign-in.
        var thrown = new CredentialUnavailableException("DefaultAzureCredential failed to retrieve a token from the included credentials.\n- EnvironmentCredential authentication unavailable.");

        var (exit, error) = await RunAsync(thrown);

        Assert.Equal(2, exit);
        Assert.Contains("CosmosDb__Key", error, StringComparison.Ordinal);
        Assert.Contains("az login", error, StringComparison.Ordinal);
        Assert.DoesNotContain("DefaultAzureCredential failed", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task RunAsync_EndpointRefusesConnection_OneLineNamingTheEndpointSettings()
    {
        var thrown = new HttpRequestException("Connection refused (127.0.0.1:10991)", new SocketException((int)SocketError.ConnectionRefused));

        var (exit, error) = await RunAsync(thrown);

        Assert.Equal(2, exit);
        Assert.Contains("127.0.0.1:10991", error, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage", error, StringComparison.Ordinal);
        Assert.Contains("CosmosDb__Endpoint", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task RunAsync_SettingsOfTwoKindsWrong_EverySettingOnALineOfItsOwn()
    {
        // What the start-up validator throws when both the storage and the e-mail settings fail.
        var thrown = new AggregateException(
            new OptionsValidationException("", typeof(object), ["Storage settings: CosmosDb__Database is missing.", "Storage settings: CosmosDb__Container is missing."]),
            new OptionsValidationException("", typeof(object), ["E-mail settings: SendGrid__ApiKey is required when Email__Provider is SendGrid."]));

        var (exit, error) = await RunAsync(thrown);

        Assert.Equal(2, exit);
        Assert.Equal(
            [
                "progress batches: Storage settings: CosmosDb__Database is missing.",
                "progress batches: Storage settings: CosmosDb__Container is missing.",
                "progress batches: E-mail settings: SendGrid__ApiKey is required when Email__Provider is SendGrid.",
            ],
            error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task RunAsync_OtherFailure_ItsOwnMessage()
    {
        var (exit, error) = await RunAsync(new InvalidOperationException("School 100009 is not in the store."));

        Assert.Equal(2, exit);
        Assert.Equal("progress batches: School 100009 is not in the store.", error.Trim());
    }
}
