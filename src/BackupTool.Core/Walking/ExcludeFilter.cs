using Microsoft.Extensions.FileSystemGlobbing;

namespace BackupTool.Core.Walking;

/// <summary>Decides which paths <c>--exclude</c> globs leave out, in the manner of <c>.gitignore</c>.</summary>
/// <remarks>
/// A pattern without <c>/</c> matches a name at any depth (<c>*.tmp</c>, <c>node_modules</c>); a
/// pattern with <c>/</c> is anchored at the source root (<c>build/out</c>); <c>**</c> spans folders;
/// a trailing <c>/</c> matches folders only. An excluded folder is skipped with everything inside.
/// Matching is case-sensitive, as Linux names are. Safe to call concurrently.
/// </remarks>
public sealed class ExcludeFilter
{
    private readonly Matcher _any = new(StringComparison.Ordinal);
    private readonly Matcher _directoriesOnly = new(StringComparison.Ordinal);
    private readonly bool _hasAny;
    private readonly bool _hasDirectoriesOnly;

    /// <summary>Creates a filter from glob patterns; blank patterns and <c>#</c> comments are ignored.</summary>
    public ExcludeFilter(IEnumerable<string> patterns)
    {
        foreach (var raw in patterns)
        {
            var pattern = raw.Trim();
            if (pattern.Length == 0 || pattern.StartsWith('#'))
            {
                continue;
            }

            var directoriesOnly = pattern.EndsWith('/');
            pattern = pattern.TrimEnd('/');
            pattern = pattern.StartsWith('/') ? pattern.TrimStart('/')
                : pattern.Contains('/') ? pattern : "**/" + pattern;
            Patterns.Add(raw.Trim());
            if (directoriesOnly)
            {
                _directoriesOnly.AddInclude(pattern);
                _hasDirectoriesOnly = true;
            }
            else
            {
                _any.AddInclude(pattern);
                _hasAny = true;
            }
        }
    }

    /// <summary>The patterns in effect, as given.</summary>
    public List<string> Patterns { get; } = [];

    /// <summary>Returns whether the entry at <paramref name="relativePath"/> is excluded.</summary>
    public bool IsExcluded(string relativePath, bool isDirectory) =>
        (_hasAny && _any.Match(relativePath).HasMatches)
        || (isDirectory && _hasDirectoriesOnly && _directoriesOnly.Match(relativePath).HasMatches);
}
