using System.Globalization;
using NtpRules.Assessment.Samples;

// usage: NtpRules.SampleGen [rules-dir] [samples-dir] [seed]
var rules = args.Length > 0 ? args[0] : "rules";
var samples = args.Length > 1 ? args[1] : "samples";
var seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : SampleGenerator.DefaultSeed;
var result = SampleGenerator.Write(rules, samples, seed);
foreach (var d in result.Diagnostics) Console.Error.WriteLine(d);
foreach (var s in result.Sets)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{s.Name} (as of {s.AsOf:yyyy-MM-dd}): {s.Communes} communes, {s.Ntm} NTM, {s.Advanced} advanced, {s.Model} model, " +
        $"{s.CriteriaMet} criteria met ({s.AverageCriteria:0.00} per commune); {s.Households} households " +
        $"[{string.Join(", ", s.HouseholdStatuses.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))}]"));
return result.Succeeded ? 0 : 1;
