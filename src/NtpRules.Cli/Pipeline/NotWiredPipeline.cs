using NtpRules.Language.Diagnostics;

namespace NtpRules.Cli.Pipeline;

/// <summary>
/// Stands in while the rule language and assessment pipeline are not merged into this build: every call reports
/// one clear error (exit code 1) instead of pretending to assess. Replace it in <see cref="CliApp.DefaultServices"/>.
/// </summary>
internal sealed class NotWiredPipeline : IRuleLibraryLoader, IAssessor, IRuleTooling
{
    public const string Code = "NTP9000";

    private static Diagnostic[] Error(string what, string path) =>
        [Diagnostic.Error(Code, $"{what} is not available in this build: the rule language and assessment pipeline are not wired into the CLI yet", SourceLocation.None(path))];

    public RuleLibraryLoad Load(string rulesDirectory) => new(null, Error("loading rules", rulesDirectory));

    public AssessmentOutcome Assess(IRuleLibrary rules, AssessmentRequest request, IProgress<AssessmentProgress>? progress, CancellationToken cancellation) =>
        new(null, Error("assessing", rules.Directory));

    public RuleCheckReport Check(string rulesDirectory) => new(Error("checking rules", rulesDirectory), []);
    public RuleTestReport Test(string rulesDirectory, NtpRules.Language.Engines.RuleEngineKind engine = NtpRules.Language.Engines.RuleEngineKind.NRules) => new(0, [], Error("testing rules", rulesDirectory), 0, []);
    public RuleDiffReport Diff(string oldPath, string newPath) => new([], Error("diffing rules", oldPath));
    public RuleListing List(string rulesDirectory) => new([], Error("listing rules", rulesDirectory));
}
