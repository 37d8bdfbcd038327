using System.Globalization;

namespace BackupTool.Core.Posix;

/// <summary>A point in time with nanosecond precision, as a Unix <c>timespec</c>.</summary>
/// <param name="Seconds">Whole seconds since 1970-01-01T00:00:00Z; negative before it.</param>
/// <param name="Nanoseconds">Nanoseconds added to <paramref name="Seconds"/>, 0 to 999,999,999.</param>
public readonly record struct UnixTime(long Seconds, int Nanoseconds)
{
    private const string SecondsFormat = "yyyy-MM-dd'T'HH:mm:ss";

    /// <summary>Converts a <see cref="DateTime"/>, which keeps 100-nanosecond ticks.</summary>
    public static UnixTime FromDateTime(DateTime time)
    {
        var ticks = time.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        return new UnixTime(seconds, (int)(remainder * 100));
    }

    /// <summary>Returns the time as a UTC <see cref="DateTime"/>, truncated to 100 nanoseconds.</summary>
    public DateTime ToDateTime() =>
        DateTime.UnixEpoch.AddTicks(Seconds * TimeSpan.TicksPerSecond + Nanoseconds / 100);

    /// <summary>Formats as ISO 8601 UTC with nine fractional digits, such as <c>2026-01-30T18:15:00.123456789Z</c>.</summary>
    public override string ToString() =>
        DateTime.UnixEpoch.AddSeconds(Seconds).ToString(SecondsFormat, CultureInfo.InvariantCulture)
        + "." + Nanoseconds.ToString("D9", CultureInfo.InvariantCulture) + "Z";

    /// <summary>Parses the form <see cref="ToString"/> writes.</summary>
    /// <returns>False when the text is not in that form.</returns>
    public static bool TryParse(string text, out UnixTime time)
    {
        time = default;
        var dot = text.LastIndexOf('.');
        if (dot < 0 || !text.EndsWith('Z') || text.Length - dot - 2 != 9)
        {
            return false;
        }

        if (!DateTime.TryParseExact(text[..dot], SecondsFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var whole)
            || !int.TryParse(text.AsSpan(dot + 1, 9), NumberStyles.None, CultureInfo.InvariantCulture, out var nanos))
        {
            return false;
        }

        time = new UnixTime((whole.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond, nanos);
        return true;
    }
}
