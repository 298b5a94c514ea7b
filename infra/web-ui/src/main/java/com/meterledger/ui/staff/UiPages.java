package com.meterledger.ui.staff;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.gateway.payment.PaymentsNotReady;
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
 * What every UI page gets (formatting, who is signed in), and the UI's refusals as pages (the API's are problem
 * documents): an id of another tenant reads exactly like an unknown one, 404; bad input is a 4xx with what was wrong,
 * never a 500.
 */
@ControllerAdvice(basePackageClasses = UiPages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UiPages {
    private final UiFormat format;

    public UiPages(UiFormat format) {
        this.format = format;
    }

    @ModelAttribute("fmt")
    UiFormat format() {
        return format;
    }

    @ModelAttribute("me")
    SignedIn me() {
        return SignedIn.current();
    }

    @ExceptionHandler(NotFound.class)
    ModelAndView notFound(NotFound e) {
        return page(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(RuleViolation.class)
    ModelAndView refused(RuleViolation e) {
        return page(HttpStatus.UNPROCESSABLE_ENTITY, "Not possible", e.getMessage());
    }

    @ExceptionHandler(PaymentsNotReady.class)
    ModelAndView paymentsNotReady(PaymentsNotReady e) {
        return page(HttpStatus.CONFLICT, "Online payments not set up", e.getMessage());
    }

    @ExceptionHandler({IllegalArgumentException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class})
    ModelAndView badInput(Exception e) {
        String detail = e instanceof MethodArgumentTypeMismatchException mismatch
                ? "'" + mismatch.getName() + "' is not a valid " + mismatch.getRequiredType().getSimpleName()
                : e.getMessage();
        return page(HttpStatus.BAD_REQUEST, "Bad input", detail);
    }

    /** A refusal a handler reports with its own status (the API answered it as a problem document). */
    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView refusedWithStatus(ResponseStatusException e) {
        return page(HttpStatus.valueOf(e.getStatusCode().value()), "Not possible", e.getReason());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ModelAndView forbidden(AccessDeniedException e) {
        return page(HttpStatus.FORBIDDEN, "Not allowed", "your role does not allow this page");
    }

    private ModelAndView page(HttpStatus status, String title, String detail) {
        ModelAndView page = new ModelAndView("ui/error", Map.of("title", title, "detail", detail,
                "status", status.value(), "fmt", format));
        page.addObject("me", SignedIn.current());
        page.setStatus(status);
        return page;
    }
}
