using NtpRules.Language.Expressions.Syntax;

namespace NtpRules.Reporting.Sentences;

/// <summary>The words of the reason sentences in one language.</summary>
internal sealed record Words(
    string Is, string NoValue, string NoData, string NotApplicable, string Yes, string No, string Required, string For, string In, string Parameter,
    string Points, string[] Phrases, (string Before, string After)[] Gaps)
{
    /// <summary>The phrase after the value, "{0}" being the threshold: per operator (>=, >, <=, <, ==), met then not met.</summary>
    public string Phrase(BinaryOperator op, bool holds) => Phrases[Index(op) * 2 + (holds ? 0 : 1)];

    /// <summary>The words around the gap, per operator: "7.5 points short", "2 % over".</summary>
    public (string Before, string After) Gap(BinaryOperator op) => Gaps[Index(op)];

    private static int Index(BinaryOperator op) => op switch
    {
        BinaryOperator.GreaterOrEqual => 0,
        BinaryOperator.Greater => 1,
        BinaryOperator.LessOrEqual => 2,
        BinaryOperator.Less => 3,
        _ => 4,
    };

    public static readonly Words En = new(" is ", ": no data", "no data for ", "not applicable, so counted as met: ", "yes", "no", "; required: ",
        " for ", " in ", " (parameter ", " points",
        ["at least the {0} required", "below the {0} required", "above the {0} required", "not above the {0} required",
         "within the {0} allowed", "above the {0} allowed", "below the {0} limit", "not below the {0} limit",
         "equal to the {0} required", "not the {0} required"],
        [("", " short"), ("", " short"), ("", " over"), ("", " over"), ("", " off")]);

    public static readonly Words Vi = new(" là ", ": không có số liệu", "không có số liệu ", "không áp dụng, được tính là đạt: ", "có", "không", "; yêu cầu: ",
        " đối với ", " năm ", " (tham số ", " điểm phần trăm",
        ["đạt mức tối thiểu {0}", "thấp hơn mức tối thiểu {0}", "cao hơn mức {0}", "không cao hơn mức {0}",
         "không vượt mức tối đa {0}", "vượt mức tối đa {0}", "thấp hơn giới hạn {0}", "không thấp hơn giới hạn {0}",
         "bằng mức yêu cầu {0}", "khác mức yêu cầu {0}"],
        [("còn thiếu ", ""), ("còn thiếu ", ""), ("vượt ", ""), ("vượt ", ""), ("lệch ", "")]);
}
