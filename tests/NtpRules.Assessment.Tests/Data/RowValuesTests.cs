using System.Text;
using NtpRules.Assessment.Data;

namespace NtpRules.Assessment.Tests.Data;

public sealed class RowValuesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ntp-rows-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Rows_of_a_file_share_one_layout_and_read_like_a_dictionary_filled_column_by_column()
    {
        var path = Path.Combine(_dir, "communes.csv");
        File.WriteAllText(path, "id,district_id,population,irrigated_land_pct,has_craft_village\nC1,D1,4200,100,true\nC2,D1,,85.5,false\n", new UTF8Encoding(false));
        var reading = new DataReading(TestCatalogue.Instance, [path]);
        var records = reading.Records().ToList();

        Assert.Empty(reading.Diagnostics);
        var (first, second) = (Assert.IsType<RowValues>(records[0].Values), Assert.IsType<RowValues>(records[1].Values));
        Assert.Same(first.Keys, second.Keys);
        Assert.Equal(["population", "irrigated_land_pct", "has_craft_village"], second.Keys);
        Assert.Equal(
            [new("population", null), new("irrigated_land_pct", 85.5), new("has_craft_village", false)],
            second.ToList<KeyValuePair<string, object?>>());
        Assert.Equal(100.0, first["irrigated_land_pct"]);
        Assert.True(second.TryGetValue("population", out var missing) && missing is null);
        Assert.False(second.ContainsKey("region"));
        Assert.False(second.TryGetValue("region", out _));
        Assert.Throws<KeyNotFoundException>(() => second["region"]);
    }

    [Fact]
    public void A_key_twice_keeps_the_last_value_at_the_first_place_as_a_dictionary_does()
    {
        Assert.Null(RowValues.Layout.Of(["a", "b", "a"]));
        var layout = RowValues.Layout.Of(["a", "b"])!;
        Assert.True(layout.Fits(layout.Keys));
        Assert.False(layout.Fits(["a", new string('b', 1)])); // same text, another string: not taken as the same keys
        Assert.Throws<ArgumentException>(() => new RowValues(layout, [1.0]));
    }

    [Fact]
    public void Whole_numbers_share_boxes_and_negative_zero_keeps_its_sign()
    {
        Assert.Same(Boxed.Of(100.0), Boxed.Of(100.0));
        Assert.NotSame(Boxed.Of(2.5), Boxed.Of(2.5));
        Assert.True(double.IsNegative((double)Boxed.Of(-0.0)));
        Assert.False(double.IsNegative((double)Boxed.Of(0.0)));
    }
}
