using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Protocol.Tests.Validation;

public sealed class ValidationErrorsTests
{
    [Fact]
    public void One_failure_uses_the_singular_prefix()
    {
        var errors = new ValidationErrors();
        errors.Length("", "streamName", 1, 128);

        var exception = errors.ToException();

        Assert.Equal(KinesisErrors.Validation, exception.ErrorType);
        Assert.Equal(400, exception.StatusCode);
        Assert.Equal(
            "1 validation error detected: Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1",
            exception.ErrorMessage);
    }

    [Fact]
    public void Collections_are_checked_by_length_and_shown_as_java_prints_them()
    {
        var errors = new ValidationErrors();
        errors.ListLength(["a", "b", "c"], "tagKeys", 1, 2);
        errors.MapLength(new Dictionary<string, string>(), "tags", 1, 200);
        errors.ListLength(["x"], "shardLevelMetrics", 1, 7);

        Assert.Equal(
            "2 validation errors detected: Value '[a, b, c]' at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 2; "
            + "Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1",
            errors.ToException().ErrorMessage);
    }

    [Fact]
    public void Several_failures_use_the_plural_prefix_and_are_joined_by_semicolons()
    {
        var errors = new ValidationErrors();
        errors.Required(null, "streamName");
        errors.Range(0, "shardCount", 1, 100000);

        Assert.Equal(
            "2 validation errors detected: Value null at 'streamName' failed to satisfy constraint: Member must not be null; "
            + "Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1",
            errors.ToException().ErrorMessage);
    }

    [Fact]
    public void At_most_ten_failures_are_listed_but_the_count_is_the_true_total()
    {
        var errors = new ValidationErrors();
        for (var i = 1; i <= 12; i++)
        {
            errors.Required(null, $"records.{i}.member.partitionKey");
        }

        var message = errors.ToException().ErrorMessage!;

        Assert.Equal(12, errors.Count);
        Assert.StartsWith("12 validation errors detected: ", message, StringComparison.Ordinal);
        Assert.Equal(10, message.Split("; ").Length);
        Assert.Contains("'records.10.member.partitionKey'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("records.11.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("records.12.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_values_print_without_quotes_and_unquoted_values_print_bare()
    {
        var errors = new ValidationErrors();
        errors.Add(null, "a", "Member must not be null");
        errors.Add("java.nio.HeapByteBuffer[pos=0 lim=3 cap=3]", "b", "Member must have length less than or equal to 2", quote: false);

        Assert.Equal(
            "2 validation errors detected: Value null at 'a' failed to satisfy constraint: Member must not be null; "
            + "Value java.nio.HeapByteBuffer[pos=0 lim=3 cap=3] at 'b' failed to satisfy constraint: Member must have length less than or equal to 2",
            errors.ToException().ErrorMessage);
    }

    [Fact]
    public void Enum_failure_lists_the_allowed_values_in_brackets()
    {
        var errors = new ValidationErrors();
        errors.Enum("SOMETIMES", "shardIteratorType", ["AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"]);

        Assert.Equal(
            "1 validation error detected: Value 'SOMETIMES' at 'shardIteratorType' failed to satisfy constraint: "
            + "Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]",
            errors.ToException().ErrorMessage);
    }

    [Fact]
    public void Enum_accepts_a_listed_value_and_a_missing_one()
    {
        var errors = new ValidationErrors();
        errors.Enum("LATEST", "shardIteratorType", ["TRIM_HORIZON", "LATEST"]);
        errors.Enum(null, "shardIteratorType", ["TRIM_HORIZON", "LATEST"]);

        Assert.False(errors.HasErrors);
        errors.ThrowIfAny();
    }

    [Fact]
    public void Range_reports_the_upper_bound()
    {
        var errors = new ValidationErrors();
        errors.Range(10001, "limit", 1, 10000);
        errors.Range(null, "limit", 1, 10000);

        Assert.Equal(
            "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
            errors.ToException().ErrorMessage);
    }

    [Fact]
    public void StreamName_checks_length_and_pattern_in_that_order()
    {
        var errors = new ValidationErrors();
        errors.StreamName(new string('a', 129) + "!");

        var message = errors.ToException().ErrorMessage!;

        Assert.StartsWith("2 validation errors detected: ", message, StringComparison.Ordinal);
        Assert.Contains("at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128; ", message, StringComparison.Ordinal);
        Assert.EndsWith("at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+", message, StringComparison.Ordinal);
    }

    [Fact]
    public void StreamArn_reports_the_arn_pattern()
    {
        var errors = new ValidationErrors();
        errors.StreamArn("arn:aws:kinesis:us-east-1:123:stream/s");

        Assert.Equal(
            "1 validation error detected: Value 'arn:aws:kinesis:us-east-1:123:stream/s' at 'streamARN' failed to satisfy constraint: "
            + "Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+",
            errors.ToException().ErrorMessage);
    }

    [Fact]
    public void ThrowIfAny_throws_the_validation_exception_when_there_are_failures()
    {
        var errors = new ValidationErrors();
        errors.Required(null, "streamName");

        var exception = Assert.Throws<KinesisException>(errors.ThrowIfAny);

        Assert.Equal(KinesisErrors.Validation, exception.ErrorType);
    }
}
