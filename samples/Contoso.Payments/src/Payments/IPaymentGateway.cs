namespace Contoso.Payments;

public interface IPaymentGateway
{
    Task<bool> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken);
}
