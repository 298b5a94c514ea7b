package com.meterledger.api.tenant;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.Reason;
import com.meterledger.api.payment.PaymentMethod;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The payment methods a landlord offers occupants for one-time top-ups, beside card, which is always offered. A
 * tenant that never chose has {@link #cardOnly()}: what every tenant had before WeChat Pay and Alipay existed here.
 * Kept apart from {@link TenantSettings} (its own command, event and form section) so a change of one never rewrites
 * the other.
 */
public record PaymentMethodChoice(Set<PaymentMethod> methods) {
    public PaymentMethodChoice {
        if (methods == null || methods.stream().anyMatch(Objects::isNull)) {
            throw new FieldRejected("methods", TenantSettings.RULE, Reason.of("settings-payment-methods-malformed",
                    "a list of CARD, WECHAT_PAY and ALIPAY"));
        }
        if (!methods.contains(PaymentMethod.CARD)) {
            throw new FieldRejected("methods", TenantSettings.RULE, Reason.of("settings-payment-methods-without-card",
                    "card is always offered: include CARD"));
        }
        methods = Set.copyOf(EnumSet.copyOf(methods));
    }

    public static PaymentMethodChoice cardOnly() {
        return new PaymentMethodChoice(Set.of(PaymentMethod.CARD));
    }
}
