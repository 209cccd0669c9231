using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using ProgressFunctions.FunctionApp;
using ProgressFunctions.Infrastructure.Configuration;

var builder = FunctionsApplication.CreateBuilder(args);
builder.UseMiddleware<ExceptionLoggingMiddleware>();

// Storage and e-mail settings are validated inside AddInfrastructure, so a wrong setting stops the host at start-up
// with a message naming it rather than failing the first report sent.
builder.Services.AddInfrastructure(builder.Configuration);

builder.Build().Run();
