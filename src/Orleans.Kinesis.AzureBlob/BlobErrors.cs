using System.Xml;
using Azure;
using Azure.Core;

namespace Orleans.Kinesis.AzureBlob;

/// <summary>Turns an error response into a <see cref="RequestFailedException"/> carrying the status and error code.</summary>
internal static class BlobErrors
{
    public static RequestFailedException FromResponse(Request request, Response response)
    {
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        var detail = response.ReasonPhrase;
        try
        {
            if (response.ContentStream is { CanRead: true } body && body.Length > 0)
            {
                body.Position = 0;
                using var reader = XmlReader.Create(body, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
                reader.Read();
                while (!reader.EOF)
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.Name == "Code")
                    {
                        var bodyCode = reader.ReadElementContentAsString();
                        code ??= bodyCode;
                    }
                    else if (reader.NodeType == XmlNodeType.Element && reader.Name == "Message")
                    {
                        detail = reader.ReadElementContentAsString().Split('\n')[0].Trim();
                    }
                    else
                    {
                        reader.Read();
                    }
                }
            }
        }
        catch (XmlException)
        {
        }
        catch (NotSupportedException)
        {
        }

        var message = $"{request.Method} {request.Uri.Path} failed with {response.Status} {code}: {detail}";
        return new RequestFailedException(response.Status, message, code, null);
    }
}
