package com.meterledger.query.export;

import com.meterledger.api.tenant.FindTenantExportParts;
import com.meterledger.api.tenant.TenantExportPart;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Whether the other modules' answers to {@link FindTenantExportParts} make a whole export. Axon's scatter-gather leaves
 * out, without a word, an answer whose handler threw or that came after the time-out; before this rule such an export
 * finished DONE and its zip simply lacked, say, the gateways' files, and a leaving tenant could not know. A pure rule:
 * every part of {@link FindTenantExportParts#PARTS} must have answered, else the export is {@link Incomplete},
 * naming the parts that are missing (sorted, so the reason reads the same every time).
 */
public final class ExportCompleteness {
    /** The rule code the job's error starts with, followed by the missing parts: {@code export-part-missing: a, b}. */
    public static final String RULE = "export-part-missing";

    private ExportCompleteness() {
    }

    public sealed interface Verdict permits Complete, Incomplete {
    }

    /** Every module answered: the zip holds every part. */
    public record Complete() implements Verdict {
    }

    /** These parts did not answer: the zip must not be handed out. */
    public record Incomplete(List<String> missing) implements Verdict {
        public Incomplete {
            missing = List.copyOf(missing);
        }

        /** The job's error: the rule code and the missing parts, e.g. {@code export-part-missing: meter-gateways}. */
        public String reason() {
            return RULE + ": " + String.join(", ", missing);
        }
    }

    public static Verdict judge(Collection<TenantExportPart> answers) {
        Set<String> answered = answers.stream().map(TenantExportPart::part).collect(Collectors.toSet());
        List<String> missing = FindTenantExportParts.PARTS.stream().filter(part -> !answered.contains(part))
                .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
        return missing.isEmpty() ? new Complete() : new Incomplete(missing);
    }

    /** The missing parts a job's stored error names; empty for any other error or none. */
    public static List<String> missingParts(String error) {
        if (error == null || !error.startsWith(RULE + ": ")) {
            return List.of();
        }
        return List.of(error.substring(RULE.length() + 2).split(", "));
    }
}
