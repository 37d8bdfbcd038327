using BackupTool.Core.Posix;

namespace BackupTool.Core.Tests.Posix;

public class UnixTimeTests
{
    [Theory]
    [InlineData(0L, 0)]
    [InlineData(-1L, 999_999_999)]
    [InlineData(4_102_444_800L, 1)]
    [InlineData(-2_208_988_800L, 500)]
    public void ToString_TryParse_RoundTrips(long seconds, int nanoseconds)
    {
        var time = new UnixTime(seconds, nanoseconds);

        Assert.True(UnixTime.TryParse(time.ToString(), out var parsed));
        Assert.Equal(time, parsed);
    }

    [Fact]
    public void FromDateTime_BeforeEpoch_KeepsNanosecondsPositive()
    {
        var time = UnixTime.FromDateTime(DateTime.UnixEpoch.AddTicks(-1));

        Assert.Equal(new UnixTime(-1, 999_999_900), time);
    }
}
