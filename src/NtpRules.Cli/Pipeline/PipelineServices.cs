namespace NtpRules.Cli.Pipeline;

/// <summary>The pieces the commands call. The composition root picks the implementations; tests pass their own.</summary>
public sealed record PipelineServices(IRuleLibraryLoader Loader, IAssessor Assessor, IRuleTooling Tooling);
