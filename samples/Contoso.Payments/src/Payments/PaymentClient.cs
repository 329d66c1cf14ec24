namespace Contoso.Payments;

public sealed class PaymentClient(IPaymentGateway gateway)
{
    public Task<bool> PayAsync(PaymentRequest request, CancellationToken cancellationToken = default) =>
        gateway.ChargeAsync(request, cancellationToken);
}
