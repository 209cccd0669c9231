using System.CommandLine;
using System.Net.Sockets;
using Azure.Identity;
using Microsoft.Extensions.Options;
using ProgressFunctions.Cli.Hosting;

namespace ProgressFunctions.Cli.Commands;

/// <summary>The options every job command takes: which store, where the embedded one lives, and how loud errors are.</summary>
internal sealed class HostOptions
{
    public Option<string?> Store { get; } = new("--store")
    {
        Description = "embedded (default: one SQLite file and a folder) or azure (Cosmos DB + Storage from settings)",
        CustomParser = r =>
        {
            var value = r.Tokens.Single().Value;
            if (!value.Equals("embedded", StringComparison.OrdinalIgnoreCase) && !value.Equals("azure", StringComparison.OrdinalIgnoreCase))
            {
                r.AddError($"--store: '{value}' is not embedded or azure");
            }

            return value;
        },
    };

    public Option<string?> Data { get; } = new("--data") { Description = "Folder of the embedded store (default ./data)" };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Show the full error with its stack trace" };

    public static HostOptions AddTo(Command command)
    {
        var options = new HostOptions();
        command.Options.Add(options.Store);
        command.Options.Add(options.Data);
        command.Options.Add(options.Verbose);
        return options;
    }

    public StoreChoice Choice(ParseResult result) => new(result.GetValue(Store), result.GetValue(Data));
}

/// <summary>Runs a command body: on failure one clear line and exit code 2 ("could not run"), the stack trace only with --verbose.</summary>
/// <remarks>
/// Exit codes, everywhere: 0 done; 1 done, but with row errors or messages not sent; 2 could not run (a bad argument,
/// an unknown school, a missing or damaged store, an unreadable input, or a failure part way), with one line that says what to do.
/// </remarks>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(string command, bool verbose, TextWriter error, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var settings = verbose ? [] : SettingFailures(e);
            if (settings.Count > 0)
            {
                // Every wrong setting at once, one line each, as the start-up validation found them.
                foreach (var failure in settings)
                {
                    error.WriteLine($"progress {command}: {failure}");
                }
            }
            else
            {
                error.WriteLine(verbose ? e.ToString() : $"progress {command}: {OneLine(e)}");
            }

            return 2;
        }
    }

    private static List<string> SettingFailures(Exception e) => e switch
    {
        OptionsValidationException options => [.. options.Failures],
        AggregateException all => [.. all.Flatten().InnerExceptions.OfType<OptionsValidationException>().SelectMany(o => o.Failures)],
        _ => [],
    };

    private static string OneLine(Exception e)
    {
        var inner = e;
        while (inner is AggregateException { InnerException: { } next })
        {
            inner = next;
        }

        return Explained(e) ?? inner.Message.ReplaceLineEndings(" ");
    }

    // Failures that come from the settings rather than from the data: the SDKs' own text names no setting.
    private static string? Explained(Exception e)
    {
        string? request = null;
        for (Exception? cause = e; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case HttpRequestException:
                    // "Connection refused (127.0.0.1:10001)": the address is in this message, not in the socket's.
                    request ??= cause.Message;
                    break;
                case AuthenticationFailedException:
                    return "no Azure sign-in could be used: CosmosDb__Endpoint without CosmosDb__Key (or AzureWebJobsStorage__blobServiceUri and "
                        + "__queueServiceUri instead of a connection string) signs in with an Azure identity, and none was found or it was refused. "
                        + "For an emulator set CosmosDb__ConnectionString (or CosmosDb__Key) and AzureWebJobsStorage; for Azure sign in with "
                        + "'az login' (or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET) as an identity with the data roles docs/deploy.md lists.";
                case SocketException socket:
                    return $"nothing answered ({(request ?? socket.Message).ReplaceLineEndings(" ")}): check the endpoint the settings name (AzureWebJobsStorage, "
                        + "CosmosDb__Endpoint or CosmosDb__ConnectionString; Smtp__Host when Email__Provider is Smtp) and that the service or emulator there is running.";
                default:
                    break;
            }
        }

        return null;
    }
}
