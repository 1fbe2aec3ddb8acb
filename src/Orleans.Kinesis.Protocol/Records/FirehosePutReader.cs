using Orleans.Kinesis.Protocol.Json;

namespace Orleans.Kinesis.Protocol.Records;

/// <summary>
/// Parses Firehose PutRecord (<c>{DeliveryStreamName, Record: {Data}}</c>) and PutRecordBatch
/// (<c>{DeliveryStreamName, Records: [{Data}]}</c>) bodies; Data is decoded in place as for Kinesis puts.
/// The delivery stream name is returned in <see cref="PutRecordsRequest.StreamName"/>.
/// </summary>
public static class FirehosePutReader
{
    public static PutRecordsRequest Read(byte[] body, int length, bool batch)
    {
        var request = new PutRecordsRequest();
        var reader = new RequestReader(body.AsSpan(0, length));
        while (reader.NextMember(out var name))
        {
            if (name.SequenceEqual("DeliveryStreamName"u8))
            {
                request.StreamName = reader.ReadString();
            }
            else if (batch && name.SequenceEqual("Records"u8))
            {
                ReadRecords(ref reader, body, request);
            }
            else if (!batch && name.SequenceEqual("Record"u8))
            {
                ReadRecord(ref reader, body, request);
            }
            else
            {
                reader.Skip();
            }
        }

        return request;
    }

    private static void ReadRecord(ref RequestReader reader, byte[] body, PutRecordsRequest request)
    {
        if (!reader.BeginObject())
        {
            return;
        }

        request.HasRecords = true;
        request.Entries = new PutEntry[1];
        request.Count = 1;
        ReadEntry(ref reader, body, ref request.Entries[0]);
        request.TotalBytes = request.Entries[0].Data.Length;
    }

    private static void ReadRecords(ref RequestReader reader, byte[] body, PutRecordsRequest request)
    {
        if (!reader.BeginArray())
        {
            return;
        }

        request.HasRecords = true;
        var entries = new PutEntry[16];
        var count = 0;
        long total = 0;
        while (reader.NextElement())
        {
            if (count == entries.Length)
            {
                Array.Resize(ref entries, entries.Length * 4);
            }

            if (reader.BeginObject())
            {
                ReadEntry(ref reader, body, ref entries[count]);
            }

            total += entries[count].Data.Length;
            count++;
        }

        request.Entries = entries;
        request.Count = count;
        request.TotalBytes = total;
    }

    private static void ReadEntry(ref RequestReader reader, byte[] body, ref PutEntry entry)
    {
        while (reader.NextMember(out var name))
        {
            if (!name.SequenceEqual("Data"u8) || !PutRecordsReader.ReadEntryMember(ref reader, name, body, ref entry, deferDecoding: false))
            {
                reader.Skip();
            }
        }
    }
}
