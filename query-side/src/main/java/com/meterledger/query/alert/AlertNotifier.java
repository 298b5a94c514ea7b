package com.meterledger.query.alert;

import com.meterledger.api.alert.NotifyStaffOfAlert;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Sends a newly opened alert to the tenant's staff when its settings ask for it, after the pass committed (a pass
 * that rolls back told nobody). A failed delivery is logged and never fails the pass: the inbox is the record.
 */
public class AlertNotifier {
    public static final String ACTOR = "alert-evaluator";
    private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);
    private final CommandGateway commands;

    public AlertNotifier(CommandGateway commands) {
        this.commands = commands;
    }

    void opened(TenantId tenant, AlertKind kind, String subject, String rule) {
        try {
            commands.send(GenericCommandMessage.asCommandMessage(new NotifyStaffOfAlert(tenant, kind.code(),
                            kind.subjectType(), subject, rule))
                    .andMetaData(Map.of(MetadataKeys.TENANT, tenant.value(), MetadataKeys.ACTOR, ACTOR,
                            MetadataKeys.ORIGIN, "system")))
                    .exceptionally(failure -> {
                        log.warn("alert {} of {} {} was not sent to staff of tenant {}: {}", kind.code(),
                                kind.subjectType(), subject, tenant, failure.toString());
                        return null;
                    });
        } catch (RuntimeException e) {
            log.warn("alert {} of {} {} was not sent to staff of tenant {}: {}", kind.code(), kind.subjectType(),
                    subject, tenant, e.toString());
        }
    }
}
