using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;

namespace ProgressFunctions.FunctionApp.Tests.Functions;

public sealed class ExceptionLoggingMiddlewareTests(FunctionAppFixture app) : IClassFixture<FunctionAppFixture>
{
    [Fact]
    public async Task Invoke_FunctionThrowsWithPupilData_LogsIdsOnlyAndRethrows()
    {
        var middleware = app.Create<ExceptionLoggingMiddleware>();
        var context = new TestFunctionContext("DispatchReport", "inv-123", app.Services);
        var failure = new InvalidOperationException("Could not render the report of Zoë Ní Bhriain (UPN A123456789012) for lukasz.kowalski@example.org");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => middleware.Invoke(context, _ => throw failure));

        Assert.Same(failure, thrown);
        var line = Assert.Single(app.Logs.Lines, l => l.Contains("inv-123", StringComparison.Ordinal));
        Assert.Contains("DispatchReport", line, StringComparison.Ordinal);
        Assert.Contains(nameof(InvalidOperationException), line, StringComparison.Ordinal);
        Assert.DoesNotContain("Zoë", app.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("A123456789012", app.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("lukasz", app.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_FunctionSucceeds_LogsNothing()
    {
        var middleware = app.Create<ExceptionLoggingMiddleware>();
        var context = new TestFunctionContext("RunSchoolJob", "inv-ok-" + Guid.NewGuid().ToString("N"), app.Services);

        await middleware.Invoke(context, _ => Task.CompletedTask);

        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(context.InvocationId, StringComparison.Ordinal));
    }

    /// <summary>The worker's FunctionContext is abstract and has no public implementation for tests; this one carries
    /// what the middleware reads (the function's name and the invocation id) and the app's services.</summary>
    private sealed class TestFunctionContext(string function, string invocationId, IServiceProvider services) : FunctionContext
    {
        public override string InvocationId { get; } = invocationId;

        public override string FunctionId { get; } = function;

        public override TraceContext TraceContext => throw new NotSupportedException();

        public override BindingContext BindingContext => throw new NotSupportedException();

        public override RetryContext RetryContext => throw new NotSupportedException();

        public override IServiceProvider InstanceServices { get; set; } = services;

        public override FunctionDefinition FunctionDefinition { get; } = new Definition(function);

        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

        public override IInvocationFeatures Features => throw new NotSupportedException();
    }

    private sealed class Definition(string name) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];

        public override string PathToAssembly => typeof(ExceptionLoggingMiddleware).Assembly.Location;

        public override string EntryPoint => name + ".RunAsync";

        public override string Id => name;

        public override string Name => name;

        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
