package com.meterledger.tenantadmin.signup;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.function.Supplier;

/**
 * The one rule of the mailed single-use links (invitations, operators' invitations, password resets, sign-up
 * verification): the link is the credential, so the work it starts acts for no caller who happens to send a token or
 * have a session beside it.
 */
public final class MailedLinks {
    private MailedLinks() {
    }

    public static <T> T withoutCaller(Supplier<T> work) {
        SecurityContext caller = SecurityContextHolder.getContext();
        SecurityContextHolder.clearContext();
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(caller);
        }
    }
}
