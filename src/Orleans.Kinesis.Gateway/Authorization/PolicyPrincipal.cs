namespace Orleans.Kinesis.Gateway.Authorization;

/// <summary>
/// Who calls: an access key id or a REST bearer token's name, in an account (the server's own unless the policy file
/// binds it to another), seen by policies as the IAM user <c>arn:aws:iam::&lt;account&gt;:user/&lt;name&gt;</c>.
/// </summary>
public sealed record PolicyPrincipal(string Name, string Account)
{
    public string Arn => $"arn:aws:iam::{Account}:user/{Name}";

    public string AccountRootArn => $"arn:aws:iam::{Account}:root";
}
