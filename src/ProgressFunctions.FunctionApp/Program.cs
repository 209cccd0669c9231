using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using ProgressFunctions.FunctionApp;

var builder = FunctionsApplication.CreateBuilder(args);
builder.UseMiddleware<ExceptionLoggingMiddleware>();

// Settings are validated when the host starts, so a wrong one stops it with a line naming the setting rather than
// failing the first report sent.
builder.Services.AddProgressFunctions(builder.Configuration);

builder.Build().Run();
