package com.meterledger.app.web;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Every error leaves as an RFC 7807 problem: what was wrong, never a stack trace. */
@RestControllerAdvice
public class ProblemHandlers extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandlers.class);

    @ExceptionHandler({NotFound.class, AggregateNotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e instanceof NotFound ? e.getMessage() : "the id was not found");
    }

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail ruleViolation(RuleViolation e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, "Rule violated", e.getMessage());
        problem.setProperty("rule", e.rule());
        return problem;
    }

    @ExceptionHandler(com.meterledger.gateway.payment.StripeGateway.StripeUnavailable.class)
    ProblemDetail paymentProviderUnavailable(RuntimeException e) {
        log.warn("payment provider call failed: {}", e.getMessage());
        return problem(HttpStatus.BAD_GATEWAY, "Payment provider unavailable",
                "the payment provider refused or did not answer; nothing was charged or changed");
    }

    @ExceptionHandler(com.meterledger.gateway.payment.PaymentsNotReady.class)
    ProblemDetail paymentsNotReady(RuntimeException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Online payments not set up", e.getMessage());
        problem.setProperty("rule", "stripe-connect-onboarding-unfinished");
        return problem;
    }

    @ExceptionHandler(com.meterledger.query.search.SearchUnavailable.class)
    ProblemDetail searchUnavailable(RuntimeException e) {
        log.warn("search call failed: {}", e.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Search unavailable",
                "the search service did not answer; retry in a moment");
    }

    /** A field that breaks a rule of form (control characters, length): named, with its rule, like a bean field. */
    @ExceptionHandler(FieldRejected.class)
    ProblemDetail fieldRejected(FieldRejected e) {
        return invalidField(e);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail conflict(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", "the id is already taken or was changed concurrently; retry");
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail commandFailed(CommandExecutionException e) {
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected error, incident {}", incident, e);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "something went wrong on our side; quote incident " + incident);
        problem.setProperty("incident", incident);
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.getBindingResult().getFieldErrors().forEach(error -> errors.putIfAbsent(error.getField(),
                error.getDefaultMessage()));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", "some fields are invalid");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * A body Jackson could not turn into its request record. A record's constructor that refuses a field (through
     * {@code FreeText}) is answered like a refused field.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof FieldRejected rejected) {
                return ResponseEntity.badRequest().body(invalidField(rejected));
            }
        }
        return super.handleHttpMessageNotReadable(e, headers, status, request);
    }

    static ProblemDetail invalidField(FieldRejected e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
        problem.setProperty("field", e.field());
        problem.setProperty("rule", e.rule());
        problem.setProperty("errors", Map.of(e.field(), e.reason()));
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
