using System.Globalization;

namespace BackupTool.Cli.Output;

/// <summary>Formats byte counts, durations and counts for people.</summary>
internal static class Units
{
    private static readonly string[] Suffixes = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    /// <summary>Formats a byte count with a binary suffix, such as <c>696 KiB</c> or <c>1.4 GiB</c>.</summary>
    public static string Bytes(double bytes)
    {
        var index = 0;
        while (bytes >= 1024 && index < Suffixes.Length - 1)
        {
            bytes /= 1024;
            index++;
        }

        var format = index == 0 || bytes >= 100 ? "0" : "0.#";
        return bytes.ToString(format, CultureInfo.InvariantCulture) + " " + Suffixes[index];
    }

    /// <summary>Formats a count with thousands separators, such as <c>5,468</c>.</summary>
    public static string Count(long count) => count.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>Formats a duration in seconds, such as <c>2.4 s</c>.</summary>
    public static string Duration(TimeSpan duration) =>
        duration.TotalSeconds.ToString(duration.TotalSeconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " s";
}
