using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NtpRules.Cli.Pipeline;
using Serilog;

namespace NtpRules.Cli.Worker;

/// <summary>
/// Builds the worker host. Settings come, later winning, from appsettings.json (in <paramref name="contentRoot"/>),
/// environment variables (Worker__Inbox=…), and <paramref name="overrides"/> (the command-line options).
/// Logging is Serilog: console by default; sinks such as a rolling file come from the "Serilog" section.
/// </summary>
public static class WorkerHost
{
    public static IHost Build(PipelineServices services, IDictionary<string, string?> overrides, string? contentRoot = null, TimeProvider? time = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = contentRoot ?? AppContext.BaseDirectory,
            Args = [],
        });
        builder.Configuration.AddInMemoryCollection(overrides);

        var serilog = new LoggerConfiguration().ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext();
        if (!builder.Configuration.GetSection("Serilog:WriteTo").Exists())
            serilog.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}");
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(serilog.CreateLogger(), dispose: true);

        // The shipped assessor sends the rule engine's events (rules fired, failures) to the worker's log.
        builder.Services.AddSingleton(provider => services.Assessor is AssessorPipeline
            ? services with { Assessor = new AssessorPipeline(provider.GetRequiredService<ILoggerFactory>().CreateLogger("NtpRules.RuleEngine")) }
            : services);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
        builder.Services.AddOptions<WorkerOptions>().Bind(builder.Configuration.GetSection(WorkerOptions.Section)).ValidateOnStart();
        builder.Services.AddHostedService<InboxWorker>();
        return builder.Build();
    }
}
