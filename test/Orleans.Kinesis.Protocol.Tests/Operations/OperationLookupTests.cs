using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Protocol.Tests.Operations;

public sealed class OperationLookupTests
{
    public static TheoryData<KinesisOperation> KnownOperations()
    {
        var data = new TheoryData<KinesisOperation>();
        foreach (var operation in Enum.GetValues<KinesisOperation>())
        {
            if (operation != KinesisOperation.Unknown && !OperationLookup.IsFirehose(operation))
            {
                data.Add(operation);
            }
        }

        return data;
    }

    public static TheoryData<KinesisOperation> FirehoseOperations()
    {
        var data = new TheoryData<KinesisOperation>();
        foreach (var operation in Enum.GetValues<KinesisOperation>())
        {
            if (OperationLookup.IsFirehose(operation))
            {
                data.Add(operation);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FirehoseOperations))]
    public void Find_maps_every_firehose_target_to_its_operation(KinesisOperation operation)
    {
        Assert.Equal(operation, OperationLookup.Find("Firehose_20150804." + operation.ToString()["Firehose".Length..]));
        Assert.Equal(KinesisOperation.Unknown, OperationLookup.Find("Kinesis_20131202." + operation));
    }

    [Fact]
    public void Find_tells_firehose_put_record_from_kinesis_put_record()
    {
        Assert.Equal(KinesisOperation.FirehosePutRecord, OperationLookup.Find("Firehose_20150804.PutRecord"));
        Assert.Equal(KinesisOperation.PutRecord, OperationLookup.Find("Kinesis_20131202.PutRecord"));
        Assert.Equal(KinesisOperation.FirehosePutRecordBatch, OperationLookup.Find("Firehose_20150804.PutRecordBatch"));
    }

    [Theory]
    [MemberData(nameof(KnownOperations))]
    public void Find_maps_every_target_of_the_api_version_to_its_operation(KinesisOperation operation)
    {
        Assert.Equal(operation, OperationLookup.Find("Kinesis_20131202." + operation));
    }

    [Fact]
    public void Find_knows_the_operations_of_the_api_by_their_wire_names()
    {
        Assert.Equal(KinesisOperation.PutRecords, OperationLookup.Find("Kinesis_20131202.PutRecords"));
        Assert.Equal(KinesisOperation.SubscribeToShard, OperationLookup.Find("Kinesis_20131202.SubscribeToShard"));
        Assert.Equal(KinesisOperation.UpdateStreamWarmThroughput, OperationLookup.Find("Kinesis_20131202.UpdateStreamWarmThroughput"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Kinesis_20131202.")]
    [InlineData("Kinesis_20131202.Unknown")]
    [InlineData("Kinesis_20131202.putrecords")]
    [InlineData("kinesis_20131202.PutRecords")]
    [InlineData("Kinesis_20131202.PutRecords ")]
    [InlineData(" Kinesis_20131202.PutRecords")]
    [InlineData("Kinesis_20131203.PutRecords")]
    [InlineData("PutRecords")]
    [InlineData("Firehose_20150804.PutRecords")]
    [InlineData("Firehose_20150805.PutRecord")]
    [InlineData("Kinesis_20131202.PutRecordBatch")]
    [InlineData("Kinesis_20131202.PutRecordsX")]
    [InlineData("Kinesis_20131202.PutRecords.PutRecords")]
    public void Find_returns_unknown_for_anything_else(string target)
    {
        Assert.Equal(KinesisOperation.Unknown, OperationLookup.Find(target));
    }

    [Fact]
    public void Find_matches_a_slice_of_a_larger_buffer()
    {
        var header = "xxKinesis_20131202.ListShardsyy".AsSpan();

        Assert.Equal(KinesisOperation.ListShards, OperationLookup.Find(header[2..^2]));
    }
}
