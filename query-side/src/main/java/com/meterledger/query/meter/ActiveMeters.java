package com.meterledger.query.meter;

import com.meterledger.api.meter.CountActiveMeters;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers {@link CountActiveMeters} from meter_view: a meter is active while it supplies an account. In a transaction
 * of its own, bound to the asked tenant, because the platform's billing asks from a scheduler with no caller.
 */
@Component
public class ActiveMeters {
    private final JdbcClient jdbc;

    public ActiveMeters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    @Transactional(readOnly = true, propagation = Propagation.REQUIRES_NEW)
    public Long count(CountActiveMeters query) {
        return jdbc.sql("select count(*) from meter_view where tenant_id = ? and account_id is not null")
                .param(query.tenantId().value()).query(Long.class).single();
    }
}
