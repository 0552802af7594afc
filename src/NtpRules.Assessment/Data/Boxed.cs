namespace NtpRules.Assessment.Data;

/// <summary>
/// Shared boxes for the values data rows repeat most: booleans and small whole numbers (counts of members, devices,
/// dimensions). A row's values are boxed (<see cref="DataRecord.Values"/>), and households are hundreds of thousands
/// of rows with a dozen such values each; a box is never changed, so one can serve every row.
/// </summary>
internal static class Boxed
{
    private const int SmallIntegers = 256;
    private static readonly object True = true;
    private static readonly object False = false;
    private static readonly object[] Integers = Enumerable.Range(0, SmallIntegers).Select(i => (object)(long)i).ToArray();
    /// <summary>Numbers too (percentages of 0 and 100, small counts read into number columns), whole ones only.</summary>
    private static readonly object[] WholeNumbers = Enumerable.Range(0, SmallIntegers).Select(i => (object)(double)i).ToArray();

    public static object Of(bool value) => value ? True : False;

    public static object Of(long value) => value is >= 0 and < SmallIntegers ? Integers[value] : value;

    /// <summary>The box of a number; -0 keeps its own, so that its sign is not lost.</summary>
    public static object Of(double value) =>
        value is >= 0 and < SmallIntegers && (int)value == value && !double.IsNegative(value) ? WholeNumbers[(int)value] : value;
}
