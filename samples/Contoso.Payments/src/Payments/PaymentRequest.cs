namespace Contoso.Payments;

public sealed record PaymentRequest(string MerchantId, decimal Amount, string Currency);
