package com.meterledger.app.imports;

import com.meterledger.ui.imports.CellRule;
import com.meterledger.ui.imports.ImportSheet;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading an uploaded sheet (CSV or XLSX) into text cells, and the rule that refuses formulas in them. */
class ImportSheetTest {
    @Test
    void aCsvWithQuotesCommasAndALineBreakInACellIsReadCellByCell() {
        byte[] csv = "\uFEFFproperty,unit,unit_name\r\np-1,u-1,\"Flat 1, \"\"east\"\"\nwing\"\r\n\r\n"
                .getBytes(StandardCharsets.UTF_8);

        List<List<String>> rows = ImportSheet.read(csv);

        assertThat(rows).containsExactly(List.of("property", "unit", "unit_name"),
                List.of("p-1", "u-1", "Flat 1, \"east\"\nwing"));
    }

    @Test
    void anXlsxFormulaIsReadAsItsFormulaTextAndANumberExactly() throws IOException {
        byte[] xlsx = workbook(sheet -> {
            XSSFRow header = sheet.createRow(0);
            header.createCell(0).setCellValue("unit");
            header.createCell(1).setCellValue("opening_register");
            header.createCell(2).setCellValue("occupant_name");
            XSSFRow row = sheet.createRow(1);
            row.createCell(0).setCellValue("u-1");
            row.createCell(1).setCellValue(1234.5);
            row.createCell(2).setCellFormula("HYPERLINK(\"http://evil.example\",\"click\")");
        });

        List<List<String>> rows = ImportSheet.read(xlsx);

        assertThat(rows.get(1)).containsExactly("u-1", "1234.5", "=HYPERLINK(\"http://evil.example\",\"click\")");
        assertThat(CellRule.judge(rows.get(1).get(2))).isInstanceOf(CellRule.Formula.class);
    }

    @Test
    void formulasAreRefusedButPhoneNumbersAndSignedNumbersAreNot() {
        assertThat(List.of("=1+1", "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3", "\t=x"))
                .allSatisfy(cell -> assertThat(CellRule.judge(cell)).as(cell).isInstanceOf(CellRule.Formula.class));
        assertThat(List.of("+8613800138000", "-5", "12.5", "Flat 1", ""))
                .allSatisfy(cell -> assertThat(CellRule.judge(cell)).as(cell).isInstanceOf(CellRule.Fits.class));
    }

    @Test
    void aFileThatIsNeitherUtf8CsvNorXlsxIsUnreadable() {
        byte[] latin1 = "unit\r\nBürogebäude\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] brokenZip = {'P', 'K', 3, 4, 0, 0, 0};

        assertThatThrownBy(() -> ImportSheet.read(latin1)).isInstanceOf(ImportSheet.Unreadable.class)
                .hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> ImportSheet.read(brokenZip)).isInstanceOf(ImportSheet.Unreadable.class)
                .hasMessageContaining("XLSX");
    }

    interface Filler {
        void fill(XSSFSheet sheet);
    }

    static byte[] workbook(Filler filler) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            filler.fill(book.createSheet("units"));
            book.write(out);
            return out.toByteArray();
        }
    }
}
