using NtpRules.Reporting;
using System.Text;

namespace NtpRules.IntegrationTests;

/// <summary>A temporary folder deleted after the test, with helpers to write files in it.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("ntp-it-").FullName;

    public string this[string relative] => Path.Combine(Root, relative);

    public string Write(string relative, string text)
    {
        var path = this[relative];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>The text of a file another writer (a log sink) holds open; empty while it does not exist.</summary>
    public string ReadShared(string relative)
    {
        if (!File.Exists(this[relative])) return "";
        using var s = new FileStream(this[relative], FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(s).ReadToEnd();
    }

    /// <summary>The files in a folder by name, leaving out the report folder's lock file (tested on its own).</summary>
    public string[] Files(string relative) =>
        Directory.Exists(this[relative])
            ? Directory.GetFiles(this[relative]).Select(f => Path.GetFileName(f)).Where(f => f != OutputFolderLock.FileName).Order(StringComparer.Ordinal).ToArray()
            : [];

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }

    public const string GoodCommunes = """
        id,name,district_id,province_id,province_name,irrigated_land_pct
        C1,Xã Bản Phố,D1,P10,Lào Cai,85
        C2,Xã Cốc San,D1,P10,Lào Cai,60
        C3,Xã Tả Van,D2,P10,Lào Cai,
        C4,Xã Hồng Ca,D3,P15,Yên Bái,90

        """;
}
