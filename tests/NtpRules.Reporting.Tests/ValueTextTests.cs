using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace NtpRules.Reporting.Tests;

/// <summary>Numbers as reports show them: rounded to hundredths, as the "0.##" format writes them.</summary>
public sealed class ValueTextTests
{
    private static string Formatted(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.0)]
    [InlineData(-0.004)]
    [InlineData(0.005)]
    [InlineData(0.05)]
    [InlineData(0.5)]
    [InlineData(72.5)]
    [InlineData(-72.55)]
    [InlineData(2.675)]
    [InlineData(1.005)]
    [InlineData(930000)]
    [InlineData(-1)]
    [InlineData(99.999)]
    [InlineData(9999999999999.99)]
    [InlineData(1e13)]
    [InlineData(-1e13)]
    [InlineData(1e15)]
    [InlineData(1e300)]
    [InlineData(double.Epsilon)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_number_reads_as_the_format_writes_it(double v) => Assert.Equal(Formatted(v), ValueText.Number(v));

    [Fact]
    public void Any_number_reads_as_the_format_writes_it() =>
        Prop.ForAll<NormalFloat>(v => ValueText.Number(v.Get) == Formatted(v.Get)).QuickCheckThrowOnFailure();

    [Fact]
    public void Numbers_with_few_decimals_read_as_the_format_writes_them()
    {
        var random = new Random(7);
        for (var n = 0; n < 200_000; n++)
        {
            // Values as data holds them: a few decimals, over the magnitudes indicators take.
            var v = Math.Round((random.NextDouble() - 0.3) * Math.Pow(10, random.Next(0, 14)), random.Next(0, 5));
            Assert.Equal(Formatted(v), ValueText.Number(v));
        }
    }

    [Fact]
    public void A_missing_number_is_a_dash() => Assert.Equal("–", ValueText.Number(null));
}
