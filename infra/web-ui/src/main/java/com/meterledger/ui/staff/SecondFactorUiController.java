package com.meterledger.ui.staff;

import com.meterledger.edge.security.Caller;
import com.meterledger.tenantadmin.people.OperatorSignIns;
import com.meterledger.tenantadmin.people.SecondFactors;
import com.meterledger.tenantadmin.people.SignInSteps;
import com.meterledger.tenantadmin.people.Totp;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Optional;
import java.util.UUID;

/**
 * A signed-in person enrols a TOTP second factor: the page shows the shared secret as text and as an
 * {@code otpauth://} URI for an authenticator app, and keeps it once the app's first code matches. The secret waits
 * in the person's own session until then, and afterwards only in the person table ({@link SecondFactors}).
 * A platform operator ({@code platform:<id>}) enrols on the same page, into their own row ({@link OperatorSignIns}).
 */
@Controller
public class SecondFactorUiController {
    private static final String OFFERED = SecondFactorUiController.class.getName() + ".SECRET";

    private final SecondFactors secondFactors;
    private final OperatorSignIns operators;

    public SecondFactorUiController(SecondFactors secondFactors, OperatorSignIns operators) {
        this.secondFactors = secondFactors;
        this.operators = operators;
    }

    /** Whose page it is: a tenant's person or a platform operator. */
    private record Holder(SecondFactors.Holder kind, UUID id) {
    }

    @GetMapping("/ui/me/second-factor")
    @PreAuthorize("isAuthenticated()")
    public String page(HttpSession session, Model model) {
        Optional<Holder> person = holder();
        model.addAttribute("person", person.isPresent());
        if (person.isEmpty()) {
            return "ui/second-factor";
        }
        boolean enrolled = secondFactors.enrolled(person.get().kind(), person.get().id());
        model.addAttribute("enrolled", enrolled);
        if (!enrolled) {
            String secret = (String) session.getAttribute(OFFERED);
            if (secret == null) {
                secret = Totp.newSecret();
                session.setAttribute(OFFERED, secret);
            }
            model.addAttribute("secret", secret);
            model.addAttribute("uri", Totp.uri("MeterLedger", SignedIn.current().name(), secret));
        }
        return "ui/second-factor";
    }

    @PostMapping("/ui/me/second-factor")
    @PreAuthorize("isAuthenticated()")
    public String enrol(@RequestParam(required = false) String code, HttpSession session, Model model,
                        HttpServletResponse response) {
        Optional<Holder> person = holder();
        if (person.isPresent() && !enrolled(person.get()) && enrol(person.get(), (String) session.getAttribute(OFFERED),
                code)) {
            session.removeAttribute(OFFERED);
            model.addAttribute("saved", true);
        } else if (person.isPresent() && !enrolled(person.get())) {
            model.addAttribute("refused", true);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        String page = page(session, model);
        return page;
    }

    private boolean enrolled(Holder holder) {
        return secondFactors.enrolled(holder.kind(), holder.id());
    }

    private boolean enrol(Holder holder, String secret, String code) {
        return holder.kind() == SecondFactors.Holder.OPERATOR
                ? operators.enrolSecondFactor(holder.id(), secret, code, OperatorSignIns.PREFIX + holder.id())
                : secondFactors.enrol(holder.id(), secret, code);
    }

    private static Optional<Holder> holder() {
        return Caller.current().flatMap(jwt -> SignInSteps.personOf(jwt.getName())
                .map(person -> new Holder(SecondFactors.Holder.STAFF, person))
                .or(() -> OperatorSignIns.operatorOf(jwt.getName())
                        .map(operator -> new Holder(SecondFactors.Holder.OPERATOR, operator))));
    }
}
