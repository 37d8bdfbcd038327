using System.Text;
using System.Text.Unicode;

namespace BackupTool.Core.Posix;

/// <summary>A file name or symlink target as the file system stores it, decoded when it is UTF-8.</summary>
/// <param name="Text">
/// The decoded text when the bytes are valid UTF-8. Otherwise an escaped form for messages only: each
/// byte that is not part of a valid UTF-8 sequence becomes <c>\xHH</c> and a backslash becomes <c>\\</c>.
/// </param>
/// <param name="IsValidUtf8">Whether <paramref name="Text"/> encodes back to exactly the stored bytes.</param>
public readonly record struct EntryName(string Text, bool IsValidUtf8)
{
    /// <summary>Decodes stored bytes, never replacing invalid ones with U+FFFD.</summary>
    public static EntryName FromBytes(ReadOnlySpan<byte> bytes) =>
        Utf8.IsValid(bytes) ? new EntryName(Encoding.UTF8.GetString(bytes), true) : new EntryName(Escape(bytes), false);

    /// <summary>Returns the escaped form described on <see cref="Text"/>.</summary>
    public static string Escape(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length + 8);
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                foreach (var invalid in bytes[..consumed])
                {
                    text.Append("\\x").Append(invalid.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            else if (rune.Value == '\\')
            {
                text.Append("\\\\");
            }
            else
            {
                text.Append(rune.ToString());
            }

            bytes = bytes[consumed..];
        }

        return text.ToString();
    }
}
