package com.meterledger.app.ui;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A one-sheet Office Open XML workbook written row by row straight into the response (no library, no buffering of
 * the sheet): numbers as numeric cells, everything else as inline strings, XML-escaped.
 */
final class Xlsx implements AutoCloseable {
    private final ZipOutputStream zip;
    private final Writer sheet;
    private int rows;

    Xlsx(OutputStream output, String sheetName) throws IOException {
        zip = new ZipOutputStream(output, StandardCharsets.UTF_8);
        entry("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/xl/workbook.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                <Override PartName="/xl/worksheets/sheet1.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
        entry("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
                Target="xl/workbook.xml"/></Relationships>""");
        entry("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                <sheets><sheet name="%s" sheetId="1" r:id="rId1"/></sheets></workbook>""".formatted(escape(sheetName)));
        entry("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
                Target="worksheets/sheet1.xml"/></Relationships>""");
        zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
        sheet = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        sheet.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet "
                + "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
    }

    void row(List<?> cells) {
        try {
            rows++;
            sheet.write("<row r=\"" + rows + "\">");
            for (Object cell : cells) {
                if (cell == null) {
                    sheet.write("<c/>");
                } else if (cell instanceof Number number) {
                    String value = number instanceof BigDecimal decimal ? decimal.toPlainString() : number.toString();
                    sheet.write("<c><v>" + value + "</v></c>");
                } else {
                    sheet.write("<c t=\"inlineStr\"><is><t xml:space=\"preserve\">" + escape(cell.toString())
                            + "</t></is></c>");
                }
            }
            sheet.write("</row>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        sheet.write("</sheetData></worksheet>");
        sheet.flush();
        zip.closeEntry();
        zip.finish();
    }

    private void entry(String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                default -> {
                    // characters XML 1.0 cannot carry at all are dropped
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
