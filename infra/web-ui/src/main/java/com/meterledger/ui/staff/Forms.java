package com.meterledger.ui.staff;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.Reason;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.ui.i18n.PageTexts;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every landlord form does with the API's own request records: checks them with the constraints the API checks
 * with {@code @Valid} (the endpoint's bean is called directly, so Spring MVC does not), calls the endpoint's bean,
 * and turns a refusal into the field and rule it names, in the reader's words, for the page to show beside the form.
 * A refusal is never a 5xx: the same exceptions the API answers with a problem document are caught here.
 */
@Component
public class Forms {
    /** The rule a bean constraint ({@code @NotBlank}, {@code @Digits}, ...) breaks, as the API's problem names it. */
    public static final String INVALID_FIELD = "invalid-field";

    private final Validator validator;
    private final PageTexts texts;

    public Forms(Validator validator, PageTexts texts) {
        this.validator = validator;
        this.texts = texts;
    }

    /** What refused a form: the field (null when the rule is about the whole), the rule's code and the text to read. */
    public record Refusal(String field, String rule, String text) {
        /** The page's status, as the API's problem would have it: 400 a field, 404 an unknown id, 409 a taken id, 422 a rule. */
        int status() {
            return field != null || INVALID_FIELD.equals(rule) ? 400 : "not-found".equals(rule) ? 404
                    : "id-taken".equals(rule) ? 409 : 422;
        }
    }

    /** The form's values as typed when the page is shown again after a post, else these. */
    static void defaultForm(Model model, java.util.Map<String, String> values) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", values);
        }
    }

    /** The request as the API takes it, or the first broken constraint as a {@link FieldRejected}. */
    public <T> T checked(T request) {
        Optional<ConstraintViolation<T>> broken = validator.validate(request).stream()
                .min(Comparator.comparing(v -> v.getPropertyPath().toString()));
        if (broken.isPresent()) {
            String field = broken.get().getPropertyPath().toString();
            Reason reason = reason(broken.get());
            throw reason == null ? new FieldRejected(field, INVALID_FIELD, broken.get().getMessage())
                    : new FieldRejected(field, INVALID_FIELD, reason);
        }
        return request;
    }

    /**
     * Which constraint a field broke, as a reason of its own with the bounds its message names: {@value #INVALID_FIELD}
     * covers them all, and its text alone would tell a Chinese reader that the value is invalid but not why. Null for
     * a constraint no request record uses, which is then said by the rule's own text.
     */
    static Reason reason(ConstraintViolation<?> broken) {
        java.util.Map<String, Object> bounds = broken.getConstraintDescriptor().getAttributes();
        String message = broken.getMessage();
        return switch (broken.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()) {
            case "NotBlank" -> Reason.of("field-blank", message);
            case "NotNull" -> Reason.of("field-missing", message);
            case "NotEmpty" -> Reason.of("field-empty", message);
            case "Size" -> Reason.of("field-size-out-of-range", message, bounds.get("min"), bounds.get("max"));
            case "Digits" -> Reason.of("field-too-many-digits", message, bounds.get("integer"), bounds.get("fraction"));
            case "Min", "DecimalMin" -> Reason.of("field-below-minimum", message, String.valueOf(bounds.get("value")));
            case "Max" -> Reason.of("field-above-maximum", message, String.valueOf(bounds.get("value")));
            case "Positive" -> Reason.of("field-not-positive", message);
            case "PositiveOrZero" -> Reason.of("field-negative", message);
            case "Pattern" -> Reason.of("field-malformed", message);
            case "Email" -> Reason.of("field-not-an-email", message);
            default -> null;
        };
    }

    /**
     * Runs a form's action; its outcome goes to the model as {@code done}, a refusal as {@code refusal} plus
     * {@code refusedForm} (which of the page's forms), so the page shows it in place. True when it was done.
     */
    public boolean attempt(Model model, String form, Supplier<?> action) {
        try {
            Object outcome = action.get();
            model.addAttribute("done", outcome == null ? Boolean.TRUE : outcome);
            model.addAttribute("doneForm", form);
            return true;
        } catch (RuntimeException e) {
            Refusal refusal = refusal(e);
            model.addAttribute("refusal", refusal);
            model.addAttribute("refusedForm", form);
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                    && request.getResponse() != null) {
                request.getResponse().setStatus(refusal.status());
            }
            return false;
        }
    }

    /** The refusal a person reads; anything that is not a refusal of input goes on to the error page. */
    public Refusal refusal(RuntimeException e) {
        if (e instanceof FieldRejected rejected) {
            String field = texts.textOr(rejected.field(), "field." + rejected.field());
            return new Refusal(rejected.field(), rejected.rule(), texts.text("form.refused-field", field,
                    rejected.field(), texts.rule(rejected), rejected.rule()));
        }
        if (e instanceof RuleViolation violation) {
            return new Refusal(null, violation.rule(), texts.text("form.refused-rule",
                    texts.rule(violation), violation.rule()));
        }
        if (e instanceof NotFound notFound) {
            return new Refusal(null, "not-found", texts.notFound(notFound));
        }
        if (e instanceof AggregateStreamCreationException) {
            return new Refusal(null, "id-taken", texts.text("form.refused-rule",
                    texts.text("problem.rule.id-taken"), "id-taken"));
        }
        if (e instanceof IllegalArgumentException) {
            return new Refusal(null, INVALID_FIELD, e.getMessage());
        }
        throw e;
    }
}
