package com.meterledger.tenantadmin.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Production's first platform operator, from the environment: {@code METERLEDGER_PLATFORM_ADMIN_EMAIL} and
 * {@code METERLEDGER_PLATFORM_ADMIN_PASSWORD_HASH} (a bcrypt hash made on the operator's own machine; the password
 * itself never reaches the server's environment), and optionally {@code METERLEDGER_PLATFORM_ADMIN_NAME}. Made once at start, by actor {@code platform-bootstrap}; when an
 * operator with that address exists nothing happens, so the variables may stay set. Without them nothing happens.
 */
@Component
public class PlatformBootstrap {
    private static final Logger log = LoggerFactory.getLogger(PlatformBootstrap.class);

    private final PlatformPeople operators;
    private final String email;
    private final String passwordHash;
    private final String name;

    public PlatformBootstrap(PlatformPeople operators,
                             @Value("${meterledger.platform.admin-email:}") String email,
                             @Value("${meterledger.platform.admin-password-hash:}") String passwordHash,
                             @Value("${meterledger.platform.admin-name:Platform operator}") String name) {
        this.operators = operators;
        this.email = email;
        this.passwordHash = passwordHash;
        this.name = name;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void bootstrap() {
        if (!StringUtils.hasText(email)) {
            return;
        }
        if (!StringUtils.hasText(passwordHash)) {
            log.warn("meterledger.platform.admin-email is set without admin-password-hash: no operator made");
            return;
        }
        PlatformPeople.Operator operator = operators.addWithHash(name, email, passwordHash, "platform-bootstrap");
        log.info("Platform operator from the environment: {}", com.meterledger.api.platform.PlatformPersonId.of(
                operator.personId()));
    }
}
