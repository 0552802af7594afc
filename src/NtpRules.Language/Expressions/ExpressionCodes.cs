namespace NtpRules.Language.Expressions;

/// <summary>Stable diagnostic codes of the expression language (NTP3xxx).</summary>
public static class ExpressionCodes
{
    public const string Syntax = "NTP3001";
    public const string TooDeep = "NTP3002";
    public const string TooLarge = "NTP3003";
    public const string UnknownName = "NTP3101";
    public const string TypeMismatch = "NTP3102";
    public const string WrongArity = "NTP3103";
    public const string EnumValue = "NTP3104";
    public const string NotBoolean = "NTP3105";
    public const string UnknownFunction = "NTP3106";
    public const string UnknownStandard = "NTP3107";
    public const string NotChildKind = "NTP3108";
    public const string CyclicDefinition = "NTP3109";
    public const string BadLookup = "NTP3110";
    public const string UnitMismatch = "NTP3111";
}
