using System.Text.Json;

namespace Orleans.Kinesis.Gateway.Authorization;

/// <summary>
/// The resource a request addresses, for policies: its <c>StreamARN</c>/<c>ConsumerARN</c>/<c>ResourceARN</c>, else the
/// ARN of its <c>StreamName</c>/<c>DeliveryStreamName</c> in the caller's account (<see cref="Name"/> then says which
/// name), else <c>*</c>.
/// </summary>
public readonly record struct RequestResource(string Arn, string? Name)
{
    /// <summary>Whether <see cref="Arn"/> is a Kinesis ARN of <paramref name="region"/> and <paramref name="account"/>.</summary>
    public bool IsIn(string region, string account)
    {
        var parts = Arn.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" && parts[2] == "kinesis" && parts[3] == region && parts[4] == account;
    }

    public static RequestResource Of(ReadOnlySpan<byte> body, string region, string account)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            string? streamName = null, deliveryStreamName = null;
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString();
                    if (!reader.Read())
                    {
                        break;
                    }

                    if (reader.TokenType != JsonTokenType.String)
                    {
                        reader.Skip();
                        continue;
                    }

                    switch (name)
                    {
                        case "ConsumerARN" or "StreamARN" or "ResourceARN":
                            return new RequestResource(reader.GetString()!, null);
                        case "StreamName":
                            streamName = reader.GetString();
                            break;
                        case "DeliveryStreamName":
                            deliveryStreamName = reader.GetString();
                            break;
                    }
                }
            }

            return streamName is not null ? new RequestResource($"arn:aws:kinesis:{region}:{account}:stream/{streamName}", streamName)
                : deliveryStreamName is not null ? new RequestResource($"arn:aws:firehose:{region}:{account}:deliverystream/{deliveryStreamName}", deliveryStreamName)
                : new RequestResource("*", null);
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            return new RequestResource("*", null); // a body the handler will refuse; authorize it as a call on no particular resource
        }
    }
}
