using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using NtpRules.Cli;
using NtpRules.Cli.Console;

namespace NtpRules.Benchmarks;

/// <summary>
/// <c>ntp assess</c> as a user runs it (all rule sets, all report formats, explanations on) on a data set made by
/// replicating the Lào Cai 2024 sample, once per engine in the same process; the reports must agree.
/// </summary>
internal static partial class EndToEnd
{
    public static bool Engines(int copies = 8)
    {
        var root = Directory.CreateTempSubdirectory("ntp-e2e-").FullName;
        try
        {
            var data = Path.Combine(root, "replicated-2024");
            var (communes, households) = Replicate(Path.Combine(Repository.Root, "samples", "lao-cai-2024"), data, copies);
            var seconds = new Dictionary<string, double>();
            foreach (var engine in new[] { "ntp", "nrules" })
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                var watch = Stopwatch.StartNew();
                var (o, e) = (new StringWriter(), new StringWriter());
                var code = CliApp.Run(["assess", "--data", data, "--rules", Path.Combine(Repository.Root, "rules"), "--out", Path.Combine(root, engine),
                    "--engine", engine], CliApp.DefaultServices(), new Terminal(o, e, interactive: false));
                seconds[engine] = watch.Elapsed.TotalSeconds;
                if (code != 0)
                {
                    Console.Error.WriteLine($"assess --engine {engine} failed: {e}");
                    return false;
                }
            }
            foreach (var file in Directory.GetFiles(Path.Combine(root, "ntp")).Where(f => !f.EndsWith(".db")))
            {
                var other = Path.Combine(root, "nrules", Path.GetFileName(file));
                if (RunFields().Replace(File.ReadAllText(file), "") != RunFields().Replace(File.ReadAllText(other), ""))
                {
                    Console.Error.WriteLine($"the engines' reports differ: {Path.GetFileName(file)}");
                    return false;
                }
            }
            Console.WriteLine(FormattableString.Invariant(
                $"assess-engines communes={communes} households={households} ntp_s={seconds["ntp"]:F2} nrules_s={seconds["nrules"]:F2} ratio={seconds["nrules"] / seconds["ntp"]:F1}"));
            return true;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [GeneratedRegex(@"\d{8}T\d{6}Z-[0-9a-f]{8}|""generatedAt"": ""[^""]*""|generated [0-9-]+ [0-9:]+Z|""engine(Version)?"": ""[^""]*""|engine (nrules|ntp) [0-9.]+")]
    private static partial Regex RunFields();

    /// <summary>
    /// Writes <paramref name="copies"/> copies of each CSV of a data set, every id and parent id prefixed per copy
    /// (<c>R{copy}-</c>), line by line so that large sets need no more memory than a line.
    /// </summary>
    internal static (int Communes, int Households) Replicate(string sample, string target, int copies)
    {
        Directory.CreateDirectory(target);
        var counts = new Dictionary<string, int>();
        foreach (var file in Directory.GetFiles(sample, "*.csv"))
        {
            string header;
            using (var first = new StreamReader(file, Encoding.UTF8)) header = first.ReadLine() ?? "";
            var idColumns = header.Split(',').Select((h, i) => (h, i)).Where(x => x.h == "id" || x.h.EndsWith("_id")).Select(x => x.i).ToArray();
            using var output = new StreamWriter(Path.Combine(target, Path.GetFileName(file)), false, new UTF8Encoding(false), 1 << 16);
            output.WriteLine(header);
            var rows = 0;
            for (var copy = 0; copy < copies; copy++)
                foreach (var line in File.ReadLines(file, Encoding.UTF8).Skip(1).Where(l => l.Length > 0))
                {
                    // The generated and bundled CSVs quote no field, so a split is exact.
                    var cells = line.Split(',');
                    foreach (var i in idColumns)
                        if (cells[i].Length > 0) cells[i] = $"R{copy}-{cells[i]}";
                    output.WriteLine(string.Join(',', cells));
                    rows++;
                }
            counts[Path.GetFileNameWithoutExtension(file)] = rows;
        }
        return (counts.GetValueOrDefault("communes"), counts.GetValueOrDefault("households"));
    }
}
