using System.Net.Http.Headers;
using System.Text;

namespace Orleans.Kinesis.Console.Tests;

/// <summary>Creates a delivery stream through the AWS Firehose API (the console shows delivery streams but does not create them).</summary>
public static class FirehoseSetup
{
    public static async Task CreateDeliveryStreamAsync(HttpClient aws, string name)
    {
        var body = """
            {"DeliveryStreamName":"NAME","ExtendedS3DestinationConfiguration":{"RoleARN":"arn:aws:iam::000000000000:role/firehose",
             "BucketARN":"arn:aws:s3:::console-bucket","Prefix":"clicks/","BufferingHints":{"SizeInMBs":5,"IntervalInSeconds":60}}}
            """.Replace("NAME", name, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "Firehose_20150804.CreateDeliveryStream");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20240115T120000Z");
        request.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=local/20240115/us-east-1/firehose/aws4_request, SignedHeaders=host;x-amz-date, Signature=00");
        using var response = await aws.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
