package com.meterledger.tenantadmin.platform;

import com.meterledger.api.platform.PlatformRules;

/**
 * What may be done to the platform's operators, judged without a database: the platform keeps an active operator, as
 * a tenant keeps an active administrator ({@code StaffGrants.keepsAnAdministrator}); without one no one could run the
 * platform, or invite the next operator. Pure: it judges and names the rule; {@link PlatformPeople} answers.
 */
public final class OperatorRules {
    private OperatorRules() {
    }

    public sealed interface Verdict permits Kept, Refused {
    }

    /** The platform still has an active operator after the change. */
    public record Kept() implements Verdict {
    }

    public record Refused(String rule, String reason) implements Verdict {
    }

    /**
     * @param active         the operator is active now (an invited one who never accepted holds no access)
     * @param otherActive    the platform's other active operators
     */
    public static Verdict keepsAnOperator(boolean active, long otherActive) {
        if (active && otherActive == 0) {
            return new Refused(PlatformRules.LAST_OPERATOR,
                    "this is the platform's last active operator; invite another operator first");
        }
        return new Kept();
    }
}
