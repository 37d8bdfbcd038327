using System.Text;

namespace BackupTool.Core.Manifests;

/// <summary>Reads lines ended by LF, CRLF or CR, and reports which endings it met.</summary>
/// <remarks><see cref="TextReader.ReadLine"/> hides the ending, which BagIt asks to warn about.</remarks>
public sealed class LineReader(TextReader reader)
{
    private readonly StringBuilder _line = new();

    /// <summary>Whether a line so far ended with CRLF.</summary>
    public bool SawCrLf { get; private set; }

    /// <summary>Whether a line so far ended with a lone CR.</summary>
    public bool SawCr { get; private set; }

    /// <summary>Whether the last line had no line ending.</summary>
    public bool LastLineUnterminated { get; private set; }

    /// <summary>Returns the next line without its ending, or null at the end of the text.</summary>
    public string? ReadLine()
    {
        _line.Clear();
        while (true)
        {
            var next = reader.Read();
            switch (next)
            {
                case -1:
                    LastLineUnterminated = _line.Length > 0;
                    return _line.Length > 0 ? _line.ToString() : null;
                case '\n':
                    return _line.ToString();
                case '\r':
                    if (reader.Peek() == '\n')
                    {
                        reader.Read();
                        SawCrLf = true;
                    }
                    else
                    {
                        SawCr = true;
                    }

                    return _line.ToString();
                default:
                    _line.Append((char)next);
                    break;
            }
        }
    }
}
