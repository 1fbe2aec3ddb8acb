namespace StreamGrains;

[Alias("StreamGrains.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>The orders this customer's grain has received from the Kinesis stream so far.</summary>
    [Alias("GetOrders")]
    Task<List<string>> GetOrdersAsync();
}
