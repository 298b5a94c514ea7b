package com.meterledger.gateway.payment;

import com.meterledger.api.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/** Table payment_settings (V100): the platform's application fee on the tenant's online payments. */
public class PaymentSettings {
    private final JdbcClient jdbc;

    public PaymentSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Basis points of the amount plus a fixed part, both rounded down to whole minor units together. */
    public record ApplicationFee(int basisPoints, long fixedMinor) {
        public static final ApplicationFee NONE = new ApplicationFee(0, 0);
        public static final int MAX_BASIS_POINTS = 10_000;
        public static final long MAX_FIXED_MINOR = 100_000_000;

        public ApplicationFee {
            if (basisPoints < 0 || basisPoints > MAX_BASIS_POINTS || fixedMinor < 0 || fixedMinor > MAX_FIXED_MINOR) {
                throw new IllegalArgumentException("an application fee is 0.." + MAX_BASIS_POINTS
                        + " basis points plus 0.." + MAX_FIXED_MINOR + " minor units");
            }
        }

        public long of(long amountMinor) {
            return fixedMinor + Math.multiplyExact(amountMinor, (long) basisPoints) / MAX_BASIS_POINTS;
        }
    }

    @Transactional(readOnly = true)
    public ApplicationFee applicationFee(TenantId tenant) {
        return jdbc.sql("select application_fee_bps, application_fee_fixed from payment_settings where tenant_id = ?")
                .param(tenant.value())
                .query((rs, row) -> new ApplicationFee(rs.getInt(1), rs.getLong(2)))
                .optional().orElse(ApplicationFee.NONE);
    }

    @Transactional
    public void setApplicationFee(TenantId tenant, ApplicationFee fee, String actor) {
        jdbc.sql("""
                        insert into payment_settings (tenant_id, application_fee_bps, application_fee_fixed, updated_by)
                        values (?, ?, ?, ?)
                        on conflict (tenant_id) do update set application_fee_bps = excluded.application_fee_bps,
                            application_fee_fixed = excluded.application_fee_fixed, updated_by = excluded.updated_by,
                            updated_at = now()""")
                .params(tenant.value(), fee.basisPoints(), fee.fixedMinor(), actor)
                .update();
    }
}
