using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using ProgressFunctions.FunctionApp;
using ProgressFunctions.Infrastructure.Configuration;
using ProgressFunctions.Infrastructure.Email;

var builder = FunctionsApplication.CreateBuilder(args);
builder.UseMiddleware<ExceptionLoggingMiddleware>();

// Storage settings are validated inside AddInfrastructure; the e-mail settings are checked here too, so a wrong
// setting stops the host at start-up with a message naming it rather than failing the first report sent.
builder.Services.AddInfrastructure(builder.Configuration).AddJobs(builder.Configuration);
_ = EmailSettings.Load(builder.Configuration);

builder.Build().Run();
