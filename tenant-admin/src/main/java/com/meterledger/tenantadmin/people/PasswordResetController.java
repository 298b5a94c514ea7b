package com.meterledger.tenantadmin.people;

import com.meterledger.tenantadmin.signup.SignUpThrottle;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Self-service password reset ({@link PasswordResets}): ask for a link by e-mail (202, the same answer for every
 * address), then choose the new password with the mailed link's token. No one is signed in.
 */
@RestController
@Tag(name = "People", description = "A tenant's staff: invitations, roles, property scopes, deactivation")
public class PasswordResetController {
    /** The one answer to every request for a link. */
    public static final String ASKED = "if this address belongs to a MeterLedger account, a link to choose a new "
            + "password is on its way";

    private final PasswordResets resets;

    public PasswordResetController(PasswordResets resets) {
        this.resets = resets;
    }

    public record ResetRequest(String email) {
    }

    public record Asked(String detail) {
    }

    public record NewPassword(String token, String password) {
    }

    public record Changed(boolean changed) {
    }

    // permitAll: the answer is the same for every address, and the request is limited per client address
    @PostMapping("/api/password-reset")
    @PreAuthorize("permitAll()")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Ask for a mailed link to choose a new password (one answer for every address)")
    public Asked request(@RequestBody ResetRequest request, HttpServletRequest http) {
        resets.request(request == null ? null : request.email(), http.getRemoteAddr());
        return new Asked(ASKED);
    }

    // permitAll: the mailed single-use link is the credential
    @PostMapping("/api/password-reset/completion")
    @PreAuthorize("permitAll()")
    @Operation(summary = "Choose a new password with the mailed link's token; the person's earlier sessions end")
    public Changed complete(@RequestBody NewPassword request) {
        resets.complete(request == null ? null : request.token(), request == null ? null : request.password());
        return new Changed(true);
    }

    @ExceptionHandler(SignUpThrottle.Throttled.class)
    ResponseEntity<ProblemDetail> throttled(SignUpThrottle.Throttled e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "too many password reset requests from this address; try again later");
        problem.setTitle("Too many password reset requests");
        problem.setProperty("rule", com.meterledger.api.people.StaffRules.PASSWORD_RESET_RATE_LIMITED);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .body(problem);
    }
}
