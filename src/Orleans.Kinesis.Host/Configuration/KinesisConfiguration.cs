using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Orleans.Kinesis.Host.Configuration;

/// <summary>
/// Binds <see cref="KinesisHostOptions"/> from .NET configuration (section <c>OrleansKinesis</c>). Sources, lowest
/// first: appsettings.json, appsettings.{Environment}.json, environment variables (plus the older
/// ORLEANS_KINESIS_ACCESS_KEYS / ORLEANS_KINESIS_ENCRYPTION_KEY), the command line.
/// </summary>
public static class KinesisConfiguration
{
    /// <summary>Older environment variables, read when their configuration key is set nowhere else.</summary>
    private static readonly (string Variable, string Property)[] LegacyVariables =
    [
        ("ORLEANS_KINESIS_ACCESS_KEYS", nameof(KinesisHostOptions.AccessKeys)),
        ("ORLEANS_KINESIS_ENCRYPTION_KEY", nameof(KinesisHostOptions.EncryptionKey)),
        ("ORLEANS_KINESIS_CERTIFICATE_PASSWORD", nameof(KinesisHostOptions.CertificatePassword)),
    ];

    /// <summary>Adds the older variables and, on top of everything, the command line.</summary>
    public static void AddSources(IConfigurationManager configuration, KinesisCommandLine commandLine, Func<string, string?> environment)
    {
        var legacy = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (variable, property) in LegacyVariables)
        {
            var key = KinesisHostOptions.Section + ":" + property;
            if (configuration[key] is null && environment(variable) is { Length: > 0 } value)
            {
                legacy[key] = value;
            }
        }

        configuration.AddInMemoryCollection(legacy);
        configuration.AddInMemoryCollection(commandLine.Values);
    }

    /// <summary>Binds and validates; throws <see cref="OptionsValidationException"/> whose failures name the keys.</summary>
    public static KinesisHostOptions Bind(IConfiguration configuration)
    {
        var options = new KinesisHostOptions();
        try
        {
            Configure(configuration, options, AspNetCoreUrls(configuration));
        }
        catch (Exception error) when (error is InvalidOperationException or FormatException)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(KinesisHostOptions), [Describe(error)]);
        }

        var result = new KinesisHostOptionsValidator().Validate(Options.DefaultName, options);
        return result.Failed
            ? throw new OptionsValidationException(Options.DefaultName, typeof(KinesisHostOptions), result.Failures)
            : options;
    }

    /// <summary>Registers the options for injection, bound from the same configuration and validated on start.</summary>
    public static void AddKinesisHostOptions(this IServiceCollection services, IConfiguration configuration)
    {
        // The ASP.NET Core listen settings are read now: the server clears them before Kestrel starts.
        var aspNetCoreUrls = AspNetCoreUrls(configuration);
        services.AddSingleton<IValidateOptions<KinesisHostOptions>, KinesisHostOptionsValidator>();
        services.AddOptions<KinesisHostOptions>()
            .Configure(options => Configure(configuration, options, aspNetCoreUrls))
            .ValidateOnStart();
    }

    private static string? AspNetCoreUrls(IConfiguration configuration) =>
        ListenUrl.FromAspNetCore(configuration["urls"], configuration["http_ports"]);

    private static void Configure(IConfiguration configuration, KinesisHostOptions options, string? aspNetCoreUrls)
    {
        var section = configuration.GetSection(KinesisHostOptions.Section);
        section.Bind(options);

        // Lists in one value (what a Key Vault secret or a repeated flag gives): id:secret,id2:secret2 and arn=url,arn2=url2.
        AddPairs(section, nameof(KinesisHostOptions.AccessKeys), ':', (id, secret) => options.AccessKeys[id] = secret);
        AddPairs(section, nameof(KinesisHostOptions.FirehoseHooks), '=', (arn, url) => options.FirehoseHooks[arn] = HookUrl(url));
        ReadSecretFiles(options);
        if (section[nameof(KinesisHostOptions.ApiTokens)] is { Length: > 0 } tokens)
        {
            options.ApiTokens.AddRange(tokens.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        if (options.Urls is null && section[nameof(KinesisHostOptions.Host)] is null && section[nameof(KinesisHostOptions.Port)] is null)
        {
            options.Urls = aspNetCoreUrls;
        }
    }

    private static void AddPairs(IConfigurationSection section, string property, char separator, Action<string, string> add)
    {
        if (section[property] is not { Length: > 0 } list)
        {
            return;
        }

        foreach (var pair in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = pair.IndexOf(separator, StringComparison.Ordinal);
            if (at <= 0 || at == pair.Length - 1)
            {
                throw new FormatException($"{section.Path}:{property} needs {(separator == ':' ? "<access key id>:<secret access key>" : "<lambda function ARN>=<http(s) URL>")} pairs, comma separated.");
            }

            add(pair[..at], pair[(at + 1)..]);
        }
    }

    /// <summary>Secrets and policies named by file (so they stay out of argv and the environment).</summary>
    private static void ReadSecretFiles(KinesisHostOptions options)
    {
        if (options.AccessKeysFile is { Length: > 0 } keysFile)
        {
            foreach (var line in ReadFile(keysFile, nameof(KinesisHostOptions.AccessKeysFile)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var at = line.IndexOf(':', StringComparison.Ordinal);
                if (line.StartsWith('#'))
                {
                    continue;
                }

                if (at <= 0 || at == line.Length - 1)
                {
                    throw new FormatException($"{KinesisHostOptions.Section}:{nameof(KinesisHostOptions.AccessKeysFile)} '{keysFile}' needs one <access key id>:<secret access key> per line.");
                }

                options.AccessKeys[line[..at]] = line[(at + 1)..];
            }
        }

        if (options.EncryptionKeyFile is { Length: > 0 } keyFile)
        {
            var text = ReadFile(keyFile, nameof(KinesisHostOptions.EncryptionKeyFile)).Trim();
            options.EncryptionKey = Convert.TryFromBase64String(text, new byte[text.Length], out _)
                ? Convert.FromBase64String(text)
                : throw new FormatException($"{KinesisHostOptions.Section}:{nameof(KinesisHostOptions.EncryptionKeyFile)} '{keyFile}' does not hold base64.");
        }

        if (options.CertificatePasswordFile is { Length: > 0 } passwordFile)
        {
            options.CertificatePassword = ReadFile(passwordFile, nameof(KinesisHostOptions.CertificatePasswordFile)).TrimEnd('\r', '\n');
        }

        if (options.PolicyFile is { Length: > 0 } policyFile)
        {
            try
            {
                Host.PolicyFile.Load(policyFile, options.Policies, options.PrincipalAccounts);
            }
            catch (ArgumentException error)
            {
                throw new FormatException($"{KinesisHostOptions.Section}:{nameof(KinesisHostOptions.PolicyFile)}: {error.Message}");
            }
        }
    }

    private static string ReadFile(string path, string property)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"{KinesisHostOptions.Section}:{property} cannot read '{path}': {error.Message}");
        }
    }

    private static Uri HookUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new FormatException($"{KinesisHostOptions.Section}:{nameof(KinesisHostOptions.FirehoseHooks)} needs http(s) URLs, not '{text}'.");

    private static string Describe(Exception error) =>
        error.InnerException is { } inner ? $"{error.Message} {inner.Message}" : error.Message;
}
