using NtpRules.Cli;
using NtpRules.Cli.Console;

return CliApp.Run(args, CliApp.DefaultServices(), Terminal.FromConsole());
