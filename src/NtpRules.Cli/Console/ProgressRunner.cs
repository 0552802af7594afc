using Spectre.Console;
using NtpRules.Cli.Pipeline;

namespace NtpRules.Cli.Console;

/// <summary>Runs work on a background thread and shows a progress bar when it takes longer than about a second on a terminal.</summary>
internal static class ProgressRunner
{
    private sealed class Latest : IProgress<AssessmentProgress>
    {
        public AssessmentProgress Value;
        public void Report(AssessmentProgress value) => Value = value;
    }

    public static T Run<T>(Terminal terminal, string label, Func<IProgress<AssessmentProgress>, T> work)
    {
        var latest = new Latest();
        var task = Task.Run(() => work(latest));
        if (terminal.Interactive && !task.Wait(TimeSpan.FromSeconds(1)))
        {
            terminal.Ansi.Progress().AutoClear(true).Start(ctx =>
            {
                var bar = ctx.AddTask(label, maxValue: 1);
                while (!task.Wait(TimeSpan.FromMilliseconds(100)))
                {
                    var p = latest.Value;
                    if (p.Total is { } total and > 0) { bar.MaxValue = total; bar.Value = p.Done; }
                    else bar.IsIndeterminate = true;
                }
                bar.Value = bar.MaxValue;
            });
        }
        return task.GetAwaiter().GetResult();
    }
}
