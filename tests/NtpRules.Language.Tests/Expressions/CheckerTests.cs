using NtpRules.Language.Diagnostics;
using NtpRules.Language.Expressions;

namespace NtpRules.Language.Tests.Expressions;

public class CheckerTests
{
    [Theory]
    [InlineData("irrigated_land_pct >= irrigation_min", TypeKind.Boolean)]
    [InlineData("population + 1", TypeKind.Integer)]
    [InlineData("population / 2", TypeKind.Number)]
    [InlineData("population * 1.5", TypeKind.Number)]
    [InlineData("-population", TypeKind.Integer)]
    [InlineData("80%", TypeKind.Number)]
    [InlineData("year", TypeKind.Integer)]
    [InlineData("as_of", TypeKind.Date)]
    [InlineData("year(recognised_on)", TypeKind.Integer)]
    [InlineData("recognised_on <= as_of", TypeKind.Boolean)]
    [InlineData("recognised_on < date('2025-01-01')", TypeKind.Boolean)]
    [InlineData("region == 'TDMNPB'", TypeKind.Boolean)]
    [InlineData("'DBSH' != region", TypeKind.Boolean)]
    [InlineData("region in ['DBSH', 'DNB']", TypeKind.Boolean)]
    [InlineData("commune_name == 'Tân Lập'", TypeKind.Boolean)]
    [InlineData("effective_region", TypeKind.Enum)]
    [InlineData("income_min", TypeKind.Number)]
    [InlineData("income_min[effective_region][year]", TypeKind.Number)]
    [InlineData("income_min['DBSH'][2024]", TypeKind.Number)]
    [InlineData("if has_craft_village then 1 else 2.5", TypeKind.Number)]
    [InlineData("if has_craft_village then 1 else 2", TypeKind.Integer)]
    [InlineData("min(irrigated_land_pct, 100)", TypeKind.Number)]
    [InlineData("max(population, 3, 4)", TypeKind.Integer)]
    [InlineData("abs(irrigated_land_pct - 80)", TypeKind.Number)]
    [InlineData("round(irrigated_land_pct, 1)", TypeKind.Number)]
    [InlineData("round(irrigated_land_pct)", TypeKind.Integer)]
    [InlineData("coalesce(irrigated_land_pct, 0)", TypeKind.Number)]
    [InlineData("coalesce(region, 'DBSH')", TypeKind.Enum)]
    [InlineData("coalesce(region, commune_name) == 'Tân Lập'", TypeKind.Boolean)]
    [InlineData("if has_craft_village then commune_name else region", TypeKind.Text)]
    [InlineData("if has_craft_village then 'DBSH' else 'TN'", TypeKind.Text)]
    [InlineData("known(irrigated_land_pct)", TypeKind.Boolean)]
    [InlineData("count_true(has_craft_village, disaster_4_on_the_spot)", TypeKind.Integer)]
    [InlineData("count(household)", TypeKind.Integer)]
    [InlineData("count(household, deprivation_count >= 3)", TypeKind.Integer)]
    [InlineData("sum(household, deprivation_count)", TypeKind.Integer)]
    [InlineData("avg(household, income_per_person)", TypeKind.Number)]
    [InlineData("min_of(household, income_per_person)", TypeKind.Number)]
    [InlineData("max_of(household, deprivation_count)", TypeKind.Integer)]
    [InlineData("share(household, poverty_status == 'poor')", TypeKind.Number)]
    [InlineData("share(household, income_per_person <= poverty_line)", TypeKind.Number)]
    [InlineData("met('ntm-commune') and not met('ntm-advanced')", TypeKind.Boolean)]
    [InlineData("baseline(irrigated_land_pct) - irrigated_land_pct", TypeKind.Number)]
    [InlineData("criteria_met('ntm-commune') >= 15", TypeKind.Boolean)]
    [InlineData("avg(household, count_true(has_clean_water, deprivation_count > 2))", TypeKind.Number)]
    [InlineData("has_craft_village == true", TypeKind.Boolean)]
    public void Well_typed_expressions_get_their_type(string text, TypeKind kind) =>
        Assert.Equal(kind, Fixtures.Check(text).Type.Kind);

    [Fact]
    public void Records_what_an_expression_depends_on()
    {
        var e = Fixtures.Check("income_per_capita >= income_min[effective_region][year] and met('ntm-commune') and share(household, has_clean_water) > 90");
        Assert.Equal(["income_per_capita", "especially_difficult", "region"], e.Indicators.Select(i => i.Name));
        Assert.Equal(["income_min"], e.Parameters.Select(p => p.Name));
        Assert.Equal(["ntm-commune"], e.Standards);
        Assert.Equal(["ntm-advanced"], Fixtures.Check("criteria_met('ntm-advanced') > 3").Standards);
        Assert.Equal(["household"], e.ChildKinds);
        Assert.False(e.UsesBaseline);
    }

    [Fact]
    public void Units_follow_indicators_and_parameters()
    {
        Assert.Equal("%", Fixtures.Check("irrigated_land_pct - 5").Unit);
        Assert.Equal("%", Fixtures.Check("share(household, has_clean_water)").Unit);
        Assert.Equal("million VND/person/year", Fixtures.Check("income_min").Unit);
    }

    private static Diagnostic One(string text, string code, bool condition = false)
    {
        var errors = Fixtures.Errors(text, condition: condition);
        var d = Assert.Single(errors);
        Assert.Equal(code, d.Code);
        return d;
    }

    [Fact]
    public void Unknown_name_is_located_and_gets_a_suggestion()
    {
        var d = One("irigated_land_pct >= 80", ExpressionCodes.UnknownName);
        Assert.Equal(new SourceLocation("rules.yaml", 10, 20), d.Location);
        Assert.Equal("unknown name 'irigated_land_pct' for commune", d.Message);
        Assert.Equal("did you mean 'irrigated_land_pct'?", d.Hint);
        Assert.Equal("rules.yaml:10:20: error NTP3101: unknown name 'irigated_land_pct' for commune (did you mean 'irrigated_land_pct'?)", d.ToString());
    }

    [Fact]
    public void Unknown_name_far_from_everything_gets_no_suggestion()
    {
        var d = One("irrigated_land_pct >= zzzzzzzz", ExpressionCodes.UnknownName);
        Assert.Equal(new SourceLocation("rules.yaml", 10, 42), d.Location);
        Assert.Null(d.Hint);
        Assert.Equal(2, Fixtures.Errors("x >= zzzzzzzz").Count); // both unknown names are reported
    }

    [Fact]
    public void Builtins_are_suggested_too() => Assert.Equal("did you mean 'as_of'?", One("as_off", ExpressionCodes.UnknownName).Hint);

    [Fact]
    public void Type_mismatch_text_against_number()
    {
        var d = One("'TDMNPB' > 3", ExpressionCodes.TypeMismatch);
        Assert.Equal("cannot compare a text with a number using '>'", d.Message);
        Assert.Equal(new SourceLocation("rules.yaml", 10, 20), d.Location);
    }

    [Theory]
    [InlineData("region > 'DBSH'", "cannot order enum values with '>'")]
    [InlineData("commune_name <= 'b'", "cannot order texts with '<='")]
    [InlineData("has_craft_village < true", "cannot order true/false values with '<'")]
    [InlineData("irrigated_land_pct + region", "cannot apply '+' to a number and an enum value")]
    [InlineData("recognised_on + 1", "cannot apply '+' to a date and a number")]
    [InlineData("-commune_name", "'-' needs a number, but 'commune_name' is a text")]
    [InlineData("year(population)", "'year' needs a date, but 'population' is a number")]
    [InlineData("min(population, region)", "'min' needs numbers, but 'region' is an enum value")]
    [InlineData("if has_craft_village then 1 else 'x'", "the branches of 'if' have different types: a number and a text")]
    [InlineData("coalesce(population, commune_name)", "the arguments of 'coalesce' have different types: a number and a text")]
    [InlineData("sum(household, area)", "'sum' needs a number for each household, but 'area' is an enum value")]
    [InlineData("recognised_on == 2024", "cannot compare a date with a number using '=='")]
    [InlineData("met(region)", "met(…) takes a standard id in quotes")]
    [InlineData("income_min[has_craft_village][year]", "a table key must be a text, number or date, not true/false")]
    public void Type_mismatches(string text, string message) =>
        Assert.Equal(message, One(text, ExpressionCodes.TypeMismatch).Message);

    [Fact]
    public void Enum_literal_not_among_values_suggests_the_closest()
    {
        var d = One("region == 'TDMNB'", ExpressionCodes.EnumValue);
        Assert.Equal("'TDMNB' is not a value of 'region'", d.Message);
        Assert.StartsWith("did you mean 'TDMNPB'?", d.Hint);
        Assert.Equal(new SourceLocation("rules.yaml", 10, 30), d.Location);
    }

    [Theory]
    [InlineData("region in ['DBSH', 'DNBB']", 39)]
    [InlineData("'XYZ' == region", 20)]
    [InlineData("if has_craft_village then 'TDMNB' else region", 46)]
    [InlineData("effective_region == 'TMDNPB'", 40)]
    [InlineData("share(household, area == 'rurall')", 45)]
    public void Enum_literals_are_checked_everywhere(string text, int column) =>
        Assert.Equal(column, One(text, ExpressionCodes.EnumValue).Location.Column);

    [Theory]
    [InlineData("abs(1, 2)", "'abs' takes 1 argument but 2 were given")]
    [InlineData("min(1)", "'min' takes at least 2 arguments but 1 was given")]
    [InlineData("round(1, 2, 3)", "'round' takes 1 to 2 arguments but 3 were given")]
    [InlineData("count()", "'count' takes 1 to 2 arguments but 0 were given")]
    [InlineData("share(household)", "'share' takes 2 arguments but 1 was given")]
    [InlineData("known()", "'known' takes 1 argument but 0 were given")]
    public void Wrong_arity(string text, string message) => Assert.Equal(message, One(text, ExpressionCodes.WrongArity).Message);

    [Theory]
    [InlineData("irrigated_land_pct and has_craft_village", "'and' needs true/false on both sides, but 'irrigated_land_pct' is a number")]
    [InlineData("not population", "'not' needs true/false, but 'population' is a number")]
    [InlineData("if population then 1 else 2", "the condition of 'if' must be true/false, but 'population' is a number")]
    [InlineData("count(household, income_per_person)", "'count' needs a true/false filter, but 'income_per_person' is a number")]
    [InlineData("count_true(has_craft_village, population)", "'count_true' counts true/false values, but 'population' is a number")]
    public void Non_boolean_conditions(string text, string message) => Assert.Equal(message, One(text, ExpressionCodes.NotBoolean).Message);

    [Fact]
    public void A_condition_must_be_boolean()
    {
        var d = One("irrigated_land_pct", ExpressionCodes.NotBoolean, condition: true);
        Assert.Equal("a condition must be true or false, but this expression is a number", d.Message);
        Assert.Equal("compare it with a threshold, e.g. >= 80", d.Hint);
    }

    [Fact]
    public void Unknown_function_suggests_a_whitelisted_one()
    {
        var d = One("sahre(household, has_clean_water)", ExpressionCodes.UnknownFunction);
        Assert.Equal("unknown function 'sahre'", d.Message);
        Assert.Equal("did you mean 'share'?", d.Hint);
    }

    [Fact]
    public void Aggregates_need_a_child_kind_and_check_the_body_in_its_scope()
    {
        var d = One("count(houshold)", ExpressionCodes.NotChildKind);
        Assert.Equal("'houshold' is not a kind of subject under commune", d.Message);
        Assert.Equal("did you mean 'household'?", d.Hint);
        Assert.Equal("child kinds of commune: household", One("count(1)", ExpressionCodes.NotChildKind).Hint);
        // irrigated_land_pct belongs to the commune, not to its households
        var inner = One("share(household, irrigated_land_pct > 3)", ExpressionCodes.UnknownName);
        Assert.Equal("unknown name 'irrigated_land_pct' for household", inner.Message);
        Assert.Equal(37, inner.Location.Column);
    }

    [Fact]
    public void Bare_subject_kind_or_function_name_explains_itself()
    {
        Assert.Equal("'household' is a subject kind, not a value", One("household > 3", ExpressionCodes.UnknownName).Message);
        Assert.Equal("'min' is a function", One("min > 3", ExpressionCodes.UnknownName).Message);
    }

    [Fact]
    public void Unknown_standard_suggests_a_known_one()
    {
        var d = One("met('ntm-comune')", ExpressionCodes.UnknownStandard);
        Assert.Equal("did you mean 'ntm-commune'?", d.Hint);
        Assert.Equal(24, d.Location.Column);
    }

    [Theory]
    [InlineData("income_min[region]", "parameter 'income_min' is keyed by 2 (region, year) but 1 key was given")]
    [InlineData("irrigation_min[region]", "parameter 'irrigation_min' is a single value, not a table")]
    [InlineData("region[1]", "only a parameter table can be looked up with [ ]; 'region' is not a parameter")]
    public void Bad_lookups(string text, string message) => Assert.Equal(message, One(text, ExpressionCodes.BadLookup).Message);

    [Fact]
    public void Keyed_parameter_used_bare_needs_its_keys_in_scope()
    {
        // poverty_line is keyed by area, a household indicator; the commune has no 'area'.
        var scope = Fixtures.Commune().Parameter("poverty_line", ExprType.Number, null, "area");
        var d = Assert.Single(Fixtures.Errors("poverty_line > 3", scope));
        Assert.Equal(ExpressionCodes.BadLookup, d.Code);
        Assert.Equal("parameter 'poverty_line' is keyed by 'area', which is not an indicator or definition of commune", d.Message);
        Assert.Equal(["income_per_person", "area"], Fixtures.Check("income_per_person <= poverty_line", Fixtures.Household()).Indicators.Select(i => i.Name));
    }

    [Fact]
    public void Cyclic_definitions_are_reported_with_the_cycle()
    {
        var scope = Fixtures.Commune().Definition("a", "b + 1").Definition("b", "a * 2");
        var d = Assert.Single(Fixtures.Errors("a > 3", scope));
        Assert.Equal(ExpressionCodes.CyclicDefinition, d.Code);
        Assert.Equal("definition 'a' refers to itself (a → b → a)", d.Message);
        Assert.Equal("definition b", d.Location.File); // located in the definition's own text
    }

    [Fact]
    public void Errors_inside_a_definition_point_at_the_definition()
    {
        var scope = Fixtures.Commune().Definition("bad_def", "regoin == 'DBSH'");
        var d = Assert.Single(Fixtures.Errors("bad_def and bad_def", scope));
        Assert.Equal(new SourceLocation("definition bad_def", 1, 1), d.Location);
    }

    [Fact]
    public void All_errors_of_an_expression_are_reported_together()
    {
        var errors = Fixtures.Errors("irigated >= 80 and region == 'TDMNB' and abs(1, 2) > 0 and 'x' > 3");
        Assert.Equal([ExpressionCodes.UnknownName, ExpressionCodes.EnumValue, ExpressionCodes.WrongArity, ExpressionCodes.TypeMismatch],
            errors.Select(e => e.Code));
        Assert.Equal(errors.Count, errors.Select(e => e.Location.Column).Distinct().Count());
    }

    [Fact]
    public void One_mistake_gives_one_message()
    {
        // The unknown name makes its comparison invalid; no cascade of type errors up the tree.
        Assert.Single(Fixtures.Errors("(nope + 1) * 2 >= 3 and has_craft_village"));
    }

    [Fact]
    public void Definitions_expanding_beyond_the_limit_are_too_large()
    {
        var scope = Fixtures.Commune().Definition("d0", "population");
        for (var i = 1; i <= 20; i++) scope.Definition($"d{i}", $"d{i - 1} + d{i - 1}");
        var d = Assert.Single(Fixtures.Errors("d20 > 0", scope));
        Assert.Equal(ExpressionCodes.TooLarge, d.Code);
        Assert.Contains("once its definitions are expanded", d.Message);
    }
}
