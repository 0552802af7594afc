namespace NtpRules.Samples;

/// <summary>
/// Synthetic Vietnamese names for sample data: commune names built from syllables common in the northern
/// mountains (not real communes), and household heads' full names.
/// </summary>
internal static class VietnameseNames
{
    private static readonly string[] First =
        ["Bản", "Nậm", "Tả", "Mường", "Phìn", "Sín", "Lùng", "Cốc", "Pha", "Thanh", "Xuân", "Tân", "Phú", "Gia", "Làng", "Na",
         "Bảo", "Sơn", "Võ", "Minh", "Hòa", "Trung", "Quang", "Nghĩa", "Khánh", "Long", "Việt", "Thượng", "Yên", "Kim"];
    private static readonly string[] Second =
        ["Hồ", "Chải", "Phìn", "Ngài", "Cang", "Mòn", "Khánh", "Thắng", "Lâu", "Vược", "Xèo", "Sáng", "Tiến", "Hà", "Lâm",
         "Thịnh", "Bình", "Lạc", "Hợp", "Phong", "Đồng", "Sài", "Dìn", "Chư", "Hạ", "Thành", "Mới", "Lộc", "An", "Vinh"];
    private static readonly string[] Family = ["Nguyễn", "Hoàng", "Lò", "Vàng", "Giàng", "Sùng", "Lý", "Đặng", "Triệu", "Lù", "Tráng", "Phạm", "Lương", "Hà", "Lê"];
    private static readonly string[] Middle = ["Văn", "Thị", "A", "Seo", "Mí", "Quang", "Đức", "Thu", "Minh"];
    private static readonly string[] Given = ["Sử", "Dế", "Chứ", "Mai", "Lan", "Hùng", "Dũng", "Páo", "Tủa", "Vân", "Hoa", "Long", "Phừ", "Thào", "Chính", "Nga", "Sinh", "Tùng"];

    /// <summary><paramref name="count"/> distinct commune names, each "Xã …".</summary>
    public static IReadOnlyList<string> Communes(Random random, int count)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < count)
        {
            var name = $"Xã {First[random.Next(First.Length)]} {Second[random.Next(Second.Length)]}";
            if (seen.Add(name)) names.Add(name);
        }
        return names;
    }

    public static string Person(Random random) =>
        $"{Family[random.Next(Family.Length)]} {Middle[random.Next(Middle.Length)]} {Given[random.Next(Given.Length)]}";
}
