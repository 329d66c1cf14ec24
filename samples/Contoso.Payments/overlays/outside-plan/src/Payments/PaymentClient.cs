using Contoso.Payments.Helpers;
using Newtonsoft.Json;

namespace Contoso.Payments;

public sealed class PaymentClient(IPaymentGateway gateway)
{
    public Task<bool> PayAsync(PaymentRequest request, CancellationToken cancellationToken = default) =>
        gateway.ChargeAsync(request, cancellationToken);

    public string Describe(PaymentRequest request) =>
        JsonConvert.SerializeObject(request with { MerchantId = StringUtil.Mask(request.MerchantId) });
}
