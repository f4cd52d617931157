namespace Platform.Audit.Tests;

/// <summary>Text no audit row may store as it is, and the checks that a stored field is bounded and clean.</summary>
internal static class HostileText
{
    /// <summary>1 MiB of characters: NUL, other C0 and C1 controls, DEL, a bidi override, lone surrogates, a real emoji.</summary>
    public static string Mebibyte()
    {
        const string Sample = "a\u0000b\u0001\u001b[31mred\u007f\u0085\u202Egnp.exe\t\r\n\uD800x\uDC00😀";
        return string.Concat(Enumerable.Repeat(Sample, (1024 * 1024 / Sample.Length) + 1))[..(1024 * 1024)];
    }

    public static void AssertStorable(string? value, int maxChars)
    {
        if (value is null)
        {
            return;
        }

        Assert.InRange(value.Length, 0, maxChars);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            Assert.False(char.IsControl(c), $"control character U+{(int)c:X4} at {i}");
            Assert.False(c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'), $"bidi control at {i}");
            if (char.IsHighSurrogate(c))
            {
                Assert.True(i + 1 < value.Length && char.IsLowSurrogate(value[++i]), $"unpaired high surrogate at {i}");
            }
            else
            {
                Assert.False(char.IsLowSurrogate(c), $"unpaired low surrogate at {i}");
            }
        }
    }
}
