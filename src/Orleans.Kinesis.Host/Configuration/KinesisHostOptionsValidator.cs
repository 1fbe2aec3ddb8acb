using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Orleans.Kinesis.Host.Configuration;

/// <summary>
/// Validates <see cref="KinesisHostOptions"/>: the data annotations on its properties, then the rules that span
/// several of them. Every failure names the configuration key, e.g. <c>OrleansKinesis:Port</c>.
/// </summary>
internal sealed class KinesisHostOptionsValidator : IValidateOptions<KinesisHostOptions>
{
    private const int EncryptionKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, KinesisHostOptions options)
    {
        var failures = new List<string>();
        var annotations = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), annotations, validateAllProperties: true);
        foreach (var annotation in annotations)
        {
            foreach (var member in annotation.MemberNames)
            {
                failures.Add($"{Key(member)} {Describe(options, member, annotation.ErrorMessage)}");
            }
        }

        if (options.Storage == "blob" && options.BlobConnectionString is null && options.BlobEndpoint is null)
        {
            failures.Add($"{Key(nameof(options.Storage))} blob needs {Key(nameof(options.BlobConnectionString))} or {Key(nameof(options.BlobEndpoint))}.");
        }

        if (options.BlobEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            failures.Add($"{Key(nameof(options.BlobEndpoint))} needs an http(s) URL, not '{endpoint}'.");
        }

        if (options.Clustering == "azure-table")
        {
            if (options.Storage != "blob")
            {
                failures.Add($"{Key(nameof(options.Clustering))} azure-table needs {Key(nameof(options.Storage))} blob: every node must see the same streams and logs.");
            }

            if (options.TableEndpoint is null && options.BlobConnectionString is null)
            {
                failures.Add($"{Key(nameof(options.Clustering))} azure-table needs {Key(nameof(options.TableEndpoint))} or {Key(nameof(options.BlobConnectionString))}.");
            }
        }

        if (options.TableEndpoint is { } table && (!table.IsAbsoluteUri || table.Scheme is not ("http" or "https")))
        {
            failures.Add($"{Key(nameof(options.TableEndpoint))} needs an http(s) URL, not '{table}'.");
        }

        if (options.EncryptionKey is { Length: not EncryptionKeyBytes } key)
        {
            failures.Add($"{Key(nameof(options.EncryptionKey))} must be {EncryptionKeyBytes} bytes in base64 (e.g. `openssl rand -base64 32`), not {key.Length} bytes.");
        }

        if (!string.IsNullOrWhiteSpace(options.Urls) && !ListenUrl.TryParse(options.Urls, out _))
        {
            failures.Add($"{Key(nameof(options.Urls))} (or ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS) needs one http://<host>:<port> URL, not '{options.Urls}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Key(string property) => KinesisHostOptions.Section + ":" + property;

    private static string Describe(KinesisHostOptions options, string member, string? message)
    {
        var value = typeof(KinesisHostOptions).GetProperty(member)?.GetValue(options);
        var text = message ?? "is not valid";
        var prefix = "The field " + member + " ";
        return (text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text).TrimEnd('.') + $", not '{value}'.";
    }
}
