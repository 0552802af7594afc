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

    public static object Of(bool value) => value ? True : False;

    public static object Of(long value) => value is >= 0 and < SmallIntegers ? Integers[value] : value;
}
