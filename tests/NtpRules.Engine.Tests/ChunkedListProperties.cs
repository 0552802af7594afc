using FsCheck;
using FsCheck.Fluent;
using NtpRules.Engine.Rete;

namespace NtpRules.Engine.Tests;

/// <summary>The chunked list the agenda and working memory use, against a plain list, across many chunk boundaries.</summary>
public sealed class ChunkedListProperties
{
    [Fact]
    public void Chunked_list_behaves_like_a_list_when_growing_shrinking_and_overwriting() =>
        Prop.ForAll<int[]>(steps =>
        {
            var chunked = new ChunkedList<string>();
            var plain = new List<string>();
            foreach (var step in steps)
            {
                var x = Math.Abs(step % 1_000_000);
                switch (x % 3)
                {
                    case 0:
                        // Runs of adds long enough to cross chunk boundaries (1,024 items) in both directions.
                        for (var i = 0; i < x % 2_500; i++)
                        {
                            chunked.Add($"{step}:{i}");
                            plain.Add($"{step}:{i}");
                        }
                        break;
                    case 1:
                        for (var i = 0; i < x % 2_500 && plain.Count > 0; i++)
                        {
                            if (chunked.RemoveLast() != plain[^1]) return false;
                            plain.RemoveAt(plain.Count - 1);
                        }
                        break;
                    case 2 when plain.Count > 0:
                        var at = x / 3 % plain.Count;
                        chunked[at] = plain[at] = $"set {step}";
                        break;
                }
                if (chunked.Count != plain.Count) return false;
            }
            return Enumerable.Range(0, plain.Count).All(i => chunked[i] == plain[i]);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
}
