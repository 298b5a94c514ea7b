package com.meterledger.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.ui.staff.UiFormat;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
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

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every error leaves as an RFC 7807 problem: what was wrong, never a stack trace. Its {@code title} and {@code detail}
 * are for people, in the caller's language ({@link ProblemWords}: the person's choice, the tenant's language, the
 * browser's); {@code rule}, {@code reason}, {@code field} and {@code figures} are for programs and never change with
 * it.
 */
@RestControllerAdvice
public class ProblemHandlers extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandlers.class);
    private final ProblemWords words;

    public ProblemHandlers(ProblemWords words) {
        this.words = words;
    }

    @ExceptionHandler({NotFound.class, AggregateNotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, words.title("problem.not-found.title", "Not found"),
                e instanceof NotFound notFound ? words.notFound(notFound)
                        : words.say("problem.api.id-not-found", "the id was not found"));
    }

    /** 402: the plan must be paid up to; the problem names the limit and the billing page to upgrade at. */
    @ExceptionHandler(com.meterledger.api.error.PlanLimitReached.class)
    ProblemDetail planLimit(com.meterledger.api.error.PlanLimitReached e) {
        ProblemDetail problem = problem(HttpStatus.PAYMENT_REQUIRED,
                words.title("problem.api.plan-limit.title", "Plan limit reached"), words.rule(e));
        problem.setProperty("rule", e.rule());
        problem.setProperty("limit", e.limit());
        problem.setProperty("activeMeters", e.active());
        problem.setProperty("upgrade", com.meterledger.api.error.PlanLimitReached.UPGRADE);
        return problem;
    }

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail ruleViolation(RuleViolation e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY,
                words.title("problem.api.rule.title", "Rule violated"), words.rule(e));
        problem.setProperty("rule", e.rule());
        reason(problem, e.specific());
        figures(problem, e.figures());
        if (e instanceof com.meterledger.api.error.FieldRuleViolation refused) {
            problem.setProperty("field", refused.field());
        }
        return problem;
    }

    /** A reading the meter rejected: its reason is the rule, the case of it the reason, both stable. */
    @ExceptionHandler(com.meterledger.api.meter.ReadingRejection.class)
    ProblemDetail readingRejected(com.meterledger.api.meter.ReadingRejection e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY,
                words.title("problem.api.reading-rejected.title", "Reading rejected"), words.rule(e));
        problem.setProperty("rule", e.rule());
        reason(problem, e.specific());
        figures(problem, e.figures());
        return problem;
    }

    /** The specific reason of a rule that covers several, as its own stable code beside the rule's. */
    private static void reason(ProblemDetail problem, com.meterledger.api.error.Reason specific) {
        if (specific != null) {
            problem.setProperty("reason", specific.code());
        }
    }

    /**
     * The figures the detail names (the limit, the value given, the moments compared), for programs, in the order the
     * rule's texts place them: numbers as numbers, a moment as its exact ISO-8601 instant (the detail writes it on the
     * tenant's clock for people), anything else as its text. None when the rule names none.
     */
    private static void figures(ProblemDetail problem, List<Object> figures) {
        if (!figures.isEmpty()) {
            problem.setProperty("figures", figures.stream().map(ProblemHandlers::figure).toList());
        }
    }

    private static Object figure(Object figure) {
        Instant moment = UiFormat.momentOf(figure);
        if (moment != null) {
            return moment.toString();
        }
        return figure == null || figure instanceof Number ? figure : String.valueOf(figure);
    }

    @ExceptionHandler(com.meterledger.gateway.payment.StripeGateway.StripeUnavailable.class)
    ProblemDetail paymentProviderUnavailable(RuntimeException e) {
        log.warn("payment provider call failed: {}", e.getMessage());
        return problem(HttpStatus.BAD_GATEWAY, words.title("problem.api.provider.title", "Payment provider unavailable"),
                words.say("problem.api.provider.detail",
                        "the payment provider refused or did not answer; nothing was charged or changed"));
    }

    @ExceptionHandler(com.meterledger.gateway.payment.PaymentsNotReady.class)
    ProblemDetail paymentsNotReady(RuntimeException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT,
                words.title("problem.payments-not-ready.title", "Online payments not set up"),
                words.rule("payments-not-ready", e.getMessage()));
        problem.setProperty("rule", "stripe-connect-onboarding-unfinished");
        return problem;
    }

    @ExceptionHandler(com.meterledger.query.search.SearchUnavailable.class)
    ProblemDetail searchUnavailable(RuntimeException e) {
        log.warn("search call failed: {}", e.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, words.title("problem.api.search.title", "Search unavailable"),
                words.say("problem.api.search.detail", "the search service did not answer; retry in a moment"));
    }

    /** A field that breaks a rule of form (control characters, length): named, with its rule, like a bean field. */
    @ExceptionHandler(FieldRejected.class)
    ProblemDetail fieldRejected(FieldRejected e) {
        return invalidField(e, words);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, words.title("problem.api.bad-request.title", "Bad request"),
                e.getMessage());
    }

    /**
     * Creating an aggregate (meter, account, tariff, ...) whose id the event store already holds. Aggregate ids are
     * one name space across tenants in the store, so the clash is answered alike whoever holds the id: the same
     * status, title, rule and detail, naming neither the id's owner nor whether it is the caller's tenant.
     */
    @ExceptionHandler(AggregateStreamCreationException.class)
    ProblemDetail idTaken(AggregateStreamCreationException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, words.title("problem.api.id-taken.title", "Id taken"),
                words.rule("id-taken", "this id is already taken; choose another"));
        problem.setProperty("rule", "id-taken");
        return problem;
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail conflict(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, words.title("problem.api.conflict.title", "Conflict"),
                words.say("problem.api.conflict.detail", "the id is already taken or was changed concurrently; retry"));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, words.title("problem.api.forbidden.title", "Forbidden"),
                words.say("problem.api.forbidden.detail", e.getMessage()));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail commandFailed(CommandExecutionException e) {
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected error, incident {}", incident, e);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR,
                words.title("problem.api.internal.title", "Internal error"),
                words.say("problem.api.internal.detail", "something went wrong on our side; quote incident " + incident,
                        incident));
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
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, words.title("problem.api.invalid.title",
                "Invalid request"), words.say("problem.api.invalid.detail", "some fields are invalid"));
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
                return ResponseEntity.badRequest().body(invalidField(rejected, words));
            }
        }
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch.getPath());
            Object value = mismatch instanceof InvalidFormatException invalid ? invalid.getValue() : null;
            return ResponseEntity.badRequest().body(invalidField(field, value, mismatch.getTargetType(), words));
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, words.title("problem.api.invalid.title",
                "Invalid request"), e.getCause() instanceof JsonProcessingException
                ? words.say("problem.api.invalid.json", "the body is not well-formed JSON")
                : words.say("problem.api.invalid.unreadable", "the body is missing or cannot be read"));
        return ResponseEntity.badRequest().body(problem);
    }

    /** A parameter that does not convert to its type (a date that is not one): named, with the format it needs. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        return ResponseEntity.badRequest().body(invalidField(field, e.getValue(), e.getRequiredType(), words));
    }

    private static ProblemDetail invalidField(String field, Object value, Class<?> type, ProblemWords words) {
        String reason = (value == null ? "must be " : "'" + shown(value) + "' is not ") + expected(type);
        String said = value == null ? words.say("problem.api.field.missing", reason, expected(type))
                : words.say("problem.api.field.type", reason, shown(value), expected(type));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, words.title("problem.api.invalid.title",
                "Invalid request"), field + ": " + said);
        problem.setProperty("field", field);
        problem.setProperty("errors", Map.of(field, reason));
        return problem;
    }

    /** The format a value of {@code type} is written in, in words a client can act on. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "of the expected type";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "an ISO-8601 instant such as 2026-01-31T00:00:00Z";
        }
        if (type == LocalDate.class) {
            return "an ISO-8601 date such as 2026-01-31";
        }
        if (type == YearMonth.class) {
            return "a month such as 2026-01";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (type == BigDecimal.class) {
            return "a decimal number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Currency.class) {
            return "an ISO 4217 currency code such as EUR";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        return "a valid " + type.getSimpleName();
    }

    /** The refused value as it is echoed: short, and without control characters that could break a client's log. */
    private static String shown(Object value) {
        String text = String.valueOf(value).replaceAll("\\p{Cntrl}", "?");
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }

    /** {@code thresholds.reconnect}, {@code items[2].meter}: the field as the client wrote it. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static ProblemDetail invalidField(FieldRejected e, ProblemWords words) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, words.title("problem.api.invalid.title",
                "Invalid request"), words.field(e));
        problem.setProperty("field", e.field());
        problem.setProperty("rule", e.rule());
        reason(problem, e.specific());
        figures(problem, e.figures());
        problem.setProperty("errors", Map.of(e.field(), e.reason()));
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
