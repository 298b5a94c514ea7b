package com.meterledger.query.export;

import com.meterledger.api.tenant.FindTenantExportParts;
import com.meterledger.api.tenant.TenantExportPart;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExportCompletenessTest {

    @Test
    void anExportIsCompleteWhenEveryModulesPartAnswered() {
        // given an answer of every part, in any order; when judged; then the export is complete
        List<TenantExportPart> answers = List.of(part(FindTenantExportParts.REGISTRY),
                part(FindTenantExportParts.NOTIFICATIONS), part(FindTenantExportParts.TARIFFS),
                part(FindTenantExportParts.METER_GATEWAYS));

        assertThat(ExportCompleteness.judge(answers)).isEqualTo(new ExportCompleteness.Complete());
    }

    @Test
    void anExportMissingAPartIsIncompleteAndItsReasonNamesThePart() {
        // given the gateways' handler threw, so scatter-gather brought only the others
        List<TenantExportPart> answers = List.of(part(FindTenantExportParts.REGISTRY),
                part(FindTenantExportParts.NOTIFICATIONS), part(FindTenantExportParts.TARIFFS));

        // when judged
        ExportCompleteness.Verdict verdict = ExportCompleteness.judge(answers);

        // then it is incomplete, naming the gateways, and the stored reason reads back as that part
        assertThat(verdict).isEqualTo(new ExportCompleteness.Incomplete(List.of("meter-gateways")));
        String reason = ((ExportCompleteness.Incomplete) verdict).reason();
        assertThat(reason).isEqualTo("export-part-missing: meter-gateways");
        assertThat(ExportCompleteness.missingParts(reason)).containsExactly("meter-gateways");
    }

    @Test
    void anExportWithNoAnswerAtAllNamesEveryPartSorted() {
        // given the scatter-gather timed out before any answer; when judged; then every part is named, sorted
        ExportCompleteness.Verdict verdict = ExportCompleteness.judge(List.of());

        assertThat(verdict).isEqualTo(new ExportCompleteness.Incomplete(
                List.of("meter-gateways", "notifications", "registry", "tariffs")));
        assertThat(ExportCompleteness.missingParts(((ExportCompleteness.Incomplete) verdict).reason()))
                .containsExactly("meter-gateways", "notifications", "registry", "tariffs");
    }

    @Test
    void anyOtherErrorNamesNoMissingPart() {
        // given a job that failed for another reason, or did not fail; then no part is named missing
        assertThat(ExportCompleteness.missingParts("the export failed")).isEmpty();
        assertThat(ExportCompleteness.missingParts(null)).isEmpty();
    }

    private static TenantExportPart part(String name) {
        return new TenantExportPart(name, List.of(new TenantExportPart.Table(name + ".csv", List.of("id"),
                List.of(List.of("1")))));
    }
}
