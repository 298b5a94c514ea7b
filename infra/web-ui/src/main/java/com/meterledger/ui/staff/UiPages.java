package com.meterledger.ui.staff;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.gateway.payment.PaymentsNotReady;
import com.meterledger.ui.i18n.PageFormats;
import com.meterledger.ui.i18n.PageTexts;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

import java.util.Map;

/**
 * What every UI page gets (formatting in the page's language and the tenant's zone, who is signed in), and the UI's
 * refusals as pages (the API's are problem documents) in the person's language: an id of another tenant reads exactly
 * like an unknown one, 404; bad input is a 4xx with what was wrong, never a 500. A rule's refusal says it in the
 * reader's words when the bundle has them ({@code problem.rule.<code>}), else as the rule wrote it; the rule's code
 * is shown as it is, in English, in both languages.
 */
@ControllerAdvice(basePackageClasses = UiPages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UiPages {
    private final PageFormats formats;
    private final PageTexts texts;

    public UiPages(PageFormats formats, PageTexts texts) {
        this.formats = formats;
        this.texts = texts;
    }

    @ModelAttribute("fmt")
    UiFormat format() {
        return formats.current();
    }

    @ModelAttribute("me")
    SignedIn me() {
        return SignedIn.current();
    }

    @ExceptionHandler(NotFound.class)
    ModelAndView notFound(NotFound e) {
        return page(HttpStatus.NOT_FOUND, "problem.not-found.title", texts.notFound(e), null);
    }

    @ExceptionHandler(RuleViolation.class)
    ModelAndView refused(RuleViolation e) {
        return page(HttpStatus.UNPROCESSABLE_ENTITY, "problem.not-possible.title", texts.rule(e),
                e.rule());
    }

    @ExceptionHandler(PaymentsNotReady.class)
    ModelAndView paymentsNotReady(PaymentsNotReady e) {
        return page(HttpStatus.CONFLICT, "problem.payments-not-ready.title",
                texts.rule("payments-not-ready", e.getMessage()), null);
    }

    @ExceptionHandler({IllegalArgumentException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class})
    ModelAndView badInput(Exception e) {
        String detail = e instanceof MethodArgumentTypeMismatchException mismatch
                ? texts.text("problem.bad-input.type", mismatch.getName(),
                mismatch.getRequiredType() == null ? "?" : mismatch.getRequiredType().getSimpleName())
                : e instanceof MissingServletRequestParameterException missing
                ? texts.text("problem.bad-input.missing", missing.getParameterName())
                : e instanceof FieldRejected rejected ? texts.field(rejected)
                : e.getMessage();
        return page(HttpStatus.BAD_REQUEST, "problem.bad-input.title", detail, null);
    }

    /** A refusal a handler reports with its own status (the API answered it as a problem document). */
    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView refusedWithStatus(ResponseStatusException e) {
        return page(HttpStatus.valueOf(e.getStatusCode().value()), "problem.not-possible.title", e.getReason(), null);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ModelAndView forbidden(AccessDeniedException e) {
        return page(HttpStatus.FORBIDDEN, "problem.forbidden.title", texts.text("problem.forbidden.detail"), null);
    }

    private ModelAndView page(HttpStatus status, String titleKey, String detail, String rule) {
        ModelAndView page = new ModelAndView("ui/error", Map.of("title", texts.text(titleKey),
                "detail", detail == null ? "" : detail, "status", status.value(), "fmt", formats.current()));
        if (rule != null) {
            page.addObject("rule", rule);
        }
        page.addObject("me", SignedIn.current());
        page.setStatus(status);
        return page;
    }
}
