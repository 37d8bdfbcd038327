using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using CommandLine;

namespace BackupTool.Cli;

/// <summary>Turns CommandLineParser's parse errors into messages that name the missing or bad value.</summary>
internal static class UsageErrors
{
    /// <summary>Returns one line per error, such as <c>error: missing SOURCE: the directory to back up.</c>.</summary>
    public static IEnumerable<string> Describe(IEnumerable<Error> errors, Type? verb)
    {
        foreach (var error in errors)
        {
            yield return "error: " + error switch
            {
                MissingRequiredOptionError { NameInfo.NameText.Length: 0 } => MissingValue(verb),
                MissingRequiredOptionError missing => $"missing the required option --{missing.NameInfo.LongName}.",
                MissingValueOptionError missing => $"option --{missing.NameInfo.LongName} needs a value.",
                UnknownOptionError unknown => $"unknown option '{(unknown.Token.Length == 1 ? "-" : "--")}{unknown.Token}'. "
                    + "A path that starts with '-' goes after '--', as in 'backup create -- -src'.",
                BadVerbSelectedError bad => $"unknown verb '{bad.Token}'. Use create, verify, restore or list.",
                NoVerbSelectedError => "no verb given. Use create, verify, restore or list.",
                BadFormatConversionError bad => $"invalid value for --{bad.NameInfo.LongName}.",
                RepeatedOptionError repeated => $"option --{repeated.NameInfo.LongName} given more than once.",
                _ => $"invalid arguments ({error.Tag}).",
            };
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "The option types are trimmer roots: every property is kept.")]
    private static string MissingValue(Type? verb)
    {
        var value = verb?.GetProperties()
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<ValueAttribute>()))
            .FirstOrDefault(p => p.Attribute is { Index: 0 });
        return value?.Attribute is { } attribute
            ? $"missing {attribute.MetaName}: {char.ToLowerInvariant(attribute.HelpText[0])}{attribute.HelpText.TrimEnd('.')[1..]}."
            : "a required argument is missing.";
    }
}
