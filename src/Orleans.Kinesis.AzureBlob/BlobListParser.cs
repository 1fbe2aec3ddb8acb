using System.Globalization;
using System.Xml;

namespace Orleans.Kinesis.AzureBlob;

/// <summary>Reads the XML body of List Blobs: names, lengths, ETags and the next marker.</summary>
internal static class BlobListParser
{
    public static BlobPage Parse(Stream body)
    {
        var items = new List<BlobItem>();
        string? nextMarker = null;
        string? name = null, etag = null;
        long length = 0;
        using var reader = XmlReader.Create(body, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true });
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Name == "Blob")
            {
                if (name is not null)
                {
                    items.Add(new BlobItem(name, length, etag ?? string.Empty));
                }

                name = etag = null;
                length = 0;
                reader.Read();
                continue;
            }

            if (reader.NodeType != XmlNodeType.Element || reader.IsEmptyElement)
            {
                reader.Read();
                continue;
            }

            switch (reader.Name)
            {
                case "Name":
                    name = reader.ReadElementContentAsString();
                    break;
                case "Content-Length":
                    length = long.Parse(reader.ReadElementContentAsString(), CultureInfo.InvariantCulture);
                    break;
                case "Etag":
                    etag = reader.ReadElementContentAsString();
                    break;
                case "NextMarker":
                    nextMarker = reader.ReadElementContentAsString();
                    break;
                default:
                    reader.Read();
                    break;
            }
        }

        return new BlobPage(items, string.IsNullOrEmpty(nextMarker) ? null : nextMarker);
    }
}
