using System.Text;

namespace BackupTool.Core;

/// <summary>Shows paths in messages so that each stays on one line and reads unambiguously.</summary>
public static class DisplayPath
{
    /// <summary>
    /// Returns the path as it is when it holds no control character; otherwise in double quotes, with
    /// CR, LF, TAB and other control characters as <c>\r</c>, <c>\n</c>, <c>\t</c> and <c>\u00XX</c>,
    /// and a backslash or double quote preceded by a backslash.
    /// </summary>
    public static string Quote(string path)
    {
        if (!path.Any(char.IsControl))
        {
            return path;
        }

        var text = new StringBuilder(path.Length + 8).Append('"');
        foreach (var c in path)
        {
            text.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                '\\' => "\\\\",
                '"' => "\\\"",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }
}
