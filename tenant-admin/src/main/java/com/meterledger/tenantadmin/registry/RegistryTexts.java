package com.meterledger.tenantadmin.registry;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.shared.FreeText;

/**
 * What a property's or a unit's name and a property's address must be at every correction: a name is required, and
 * both pass {@link FreeText} (no control characters, well-formed, within the columns' lengths), the bounds
 * {@link Registry} checks when they are first written. Pure: it judges and names the field and the rule.
 */
public final class RegistryTexts {
    public static final String NAME_REQUIRED = "registry-name-required";

    private RegistryTexts() {
    }

    public sealed interface Verdict permits Fits, Refused {
    }

    public record Fits() implements Verdict {
    }

    /** @param maxLength the bound a too-long text broke, for the reader's text; 0 for other rules */
    public record Refused(String field, String rule, String reason, int maxLength) implements Verdict {
    }

    public static Verdict judgeName(String name) {
        if (FreeText.judge(name, FreeText.NAME) instanceof FreeText.Refused refused) {
            return refusal("name", refused, FreeText.NAME);
        }
        if (name == null || name.isBlank()) {
            return new Refused("name", NAME_REQUIRED, "a name is required", 0);
        }
        return new Fits();
    }

    public static Verdict judgeAddress(String address) {
        if (FreeText.judge(address, FreeText.TEXT) instanceof FreeText.Refused refused) {
            return refusal("address", refused, FreeText.TEXT);
        }
        return new Fits();
    }

    /** @throws FieldRejected naming the field and the rule when the verdict refuses */
    public static void require(Verdict verdict) {
        if (verdict instanceof Refused refused) {
            throw refused.maxLength() > 0
                    ? new FieldRejected(refused.field(), refused.rule(), refused.reason(), refused.maxLength())
                    : new FieldRejected(refused.field(), refused.rule(), refused.reason());
        }
    }

    private static Refused refusal(String field, FreeText.Refused refused, int maxLength) {
        return new Refused(field, refused.rule(), refused.reason(),
                FreeText.TOO_LONG.equals(refused.rule()) ? maxLength : 0);
    }
}
