namespace NtpRules.Language.Documents;

/// <summary>Text written either as a plain string (<see cref="Plain"/>) or as <c>{ vi: …, en: … }</c>.</summary>
public sealed record LocalizedText(string? Vi, string? En, string? Plain = null)
{
    public static LocalizedText Empty { get; } = new(null, null);

    /// <summary>The text in the requested language ("vi" or "en"), falling back to whatever is written.</summary>
    public string Get(string language = "en") =>
        (language == "vi" ? Vi ?? Plain ?? En : En ?? Plain ?? Vi) ?? "";

    public override string ToString() => Get();
}
