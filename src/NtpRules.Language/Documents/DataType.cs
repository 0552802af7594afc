namespace NtpRules.Language.Documents;

/// <summary>The type of an indicator or parameter as written in the files (<c>type: number</c> …).</summary>
public enum DataType { Number, Integer, Boolean, Text, Date, Enum }

public static class DataTypeText
{
    public static IReadOnlyDictionary<string, DataType> ByName { get; } = new Dictionary<string, DataType>
    {
        ["number"] = DataType.Number, ["integer"] = DataType.Integer, ["boolean"] = DataType.Boolean,
        ["text"] = DataType.Text, ["date"] = DataType.Date, ["enum"] = DataType.Enum,
    };

    public static string ToText(this DataType t) => t.ToString().ToLowerInvariant();
}
