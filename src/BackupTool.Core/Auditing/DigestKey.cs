using System.Buffers.Binary;
using System.Globalization;

namespace BackupTool.Core.Auditing;

/// <summary>Turns a hex digest into the 128-bit key the audit pairs files by.</summary>
/// <remarks>
/// Every supported digest has at least 128 bits, and keeping the first 128 bits of MD5, SHA-1 or
/// SHA-2 keeps the audit's memory at 16 bytes a file while an accidental match stays as unlikely
/// as an accidental MD5 collision.
/// </remarks>
internal static class DigestKey
{
    /// <summary>Returns the first 32 hex digits of <paramref name="hexDigest"/> as a number.</summary>
    public static UInt128 FromHex(string hexDigest) =>
        UInt128.Parse(hexDigest.AsSpan(0, 32), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    /// <summary>Returns the first 16 bytes of a digest as a number.</summary>
    public static UInt128 FromBytes(ReadOnlySpan<byte> digest) => BinaryPrimitives.ReadUInt128BigEndian(digest);
}
