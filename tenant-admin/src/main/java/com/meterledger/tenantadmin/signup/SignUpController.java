package com.meterledger.tenantadmin.signup;

import com.meterledger.api.tenant.TenantStatus;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * Sign-up as an API, the same service the public sign-up page calls. Public: no tenant exists yet. What protects it
 * is the per-address limit, the verification mail, and that a tenant is unusable until its administrator verified.
 */
@RestController
@RequestMapping("/api/signups")
@Tag(name = "Sign-up", description = "A property group signs up for MeterLedger")
public class SignUpController {
    private final SignUps signUps;

    public SignUpController(SignUps signUps) {
        this.signUps = signUps;
    }

    public record SignUpAccepted(String tenantId, TenantStatus status, Instant verificationExpiresAt) {
    }

    public record Verification(String token, String password) {
    }

    public record VerificationDone(String tenantId, TenantStatus status) {
    }

    // permitAll: no tenant and no person exist yet; see the class comment for what protects it
    @PostMapping
    @PreAuthorize("permitAll()")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Sign up a property group; the administrator receives a verification mail")
    public SignUpAccepted signUp(@RequestBody SignUpRequest request, HttpServletRequest http) {
        SignUps.Started started = signUps.signUp(request, http.getRemoteAddr());
        return new SignUpAccepted(started.tenant().value(), TenantStatus.SIGNED_UP, started.verificationExpiresAt());
    }

    // permitAll: the mailed single-use link is the credential
    @PostMapping("/verification")
    @PreAuthorize("permitAll()")
    @Operation(summary = "Verify the administrator's e-mail with the mailed link's token and choose a password")
    public VerificationDone verify(@RequestBody Verification verification) {
        SignUps.Verified verified = signUps.verify(verification.token(), verification.password());
        return new VerificationDone(verified.tenant().value(), TenantStatus.VERIFIED);
    }

    @ExceptionHandler(SignUpThrottle.Throttled.class)
    ResponseEntity<ProblemDetail> throttled(SignUpThrottle.Throttled e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        problem.setTitle("Too many sign-ups");
        problem.setProperty("rule", "signup-rate-limited");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .body(problem);
    }
}
