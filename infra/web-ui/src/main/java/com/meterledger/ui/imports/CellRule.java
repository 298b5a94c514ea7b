package com.meterledger.ui.imports;

import java.util.regex.Pattern;

/**
 * Text a spreadsheet would run as a formula is refused, not stored: a cell starting with {@code =}, {@code @}, a tab
 * or a carriage return, or with {@code +} or {@code -} not followed by a plain number (OWASP "CSV injection"). A
 * phone number in E.164 ({@code +8613800138000}) and a negative number ({@code -5}, refused later by its column's own
 * rule) are not formulas. Refusing rather than neutralising keeps the stored text exactly what the person typed.
 */
public final class CellRule {
    public static final String FORMULA = "import-formula-refused";
    private static final Pattern SIGNED_NUMBER = Pattern.compile("[+-][0-9]+(\\.[0-9]+)?");

    private CellRule() {
    }

    public sealed interface Verdict permits Fits, Formula {
    }

    public record Fits() implements Verdict {
    }

    public record Formula(String rule, String reason) implements Verdict {
    }

    public static Verdict judge(String cell) {
        if (cell == null || cell.isEmpty()) {
            return new Fits();
        }
        char first = cell.charAt(0);
        boolean formula = first == '=' || first == '@' || first == '\t' || first == '\r'
                || ((first == '+' || first == '-') && !SIGNED_NUMBER.matcher(cell).matches());
        return formula ? new Formula(FORMULA, "looks like a spreadsheet formula; formulas are not imported")
                : new Fits();
    }
}
