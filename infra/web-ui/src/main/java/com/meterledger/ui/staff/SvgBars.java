package com.meterledger.ui.staff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * A bar chart as inline SVG, drawn on the server: no script, no CDN, readable with scripts off and printable. Pure:
 * labels and values in, markup out, every text escaped. The view box scales with the page, so a phone shows the
 * same chart narrower, never wider than the screen.
 */
public final class SvgBars {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 200;
    private static final int LEFT = 56;
    private static final int BOTTOM = 28;
    private static final int TOP = 12;

    private SvgBars() {
    }

    /**
     * @param title   the chart's accessible name
     * @param labels  one per bar (a day or a month); every {@code labelEvery}-th is written under its bar
     * @param values  one per bar, zero or more
     * @param shown   the values as the reader reads them (with unit or currency), for each bar's tooltip
     */
    public static String chart(String id, String title, List<String> labels, List<BigDecimal> values,
                               List<String> shown) {
        BigDecimal max = values.stream().reduce(BigDecimal.ZERO, BigDecimal::max);
        int n = Math.max(1, values.size());
        double slot = (WIDTH - LEFT - 4) / (double) n;
        double bar = Math.max(1, slot * .7);
        int plot = HEIGHT - BOTTOM - TOP;
        int labelEvery = Math.max(1, (int) Math.ceil(n / 8.0));
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" id=\"%s\" viewBox=\"0 0 %d %d\" role=\"img\" "
                + "aria-label=\"%s\" xmlns=\"http://www.w3.org/2000/svg\">", escape(id), WIDTH, HEIGHT, escape(title)));
        svg.append("<title>").append(escape(title)).append("</title>");
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#9ca3af\"/>",
                LEFT, HEIGHT - BOTTOM, WIDTH - 2, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", LEFT - 6, TOP + 8,
                escape(max.stripTrailingZeros().toPlainString())));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>", LEFT - 6,
                HEIGHT - BOTTOM));
        for (int i = 0; i < values.size(); i++) {
            double h = max.signum() == 0 ? 0 : values.get(i).divide(max, 6, RoundingMode.HALF_UP).doubleValue() * plot;
            double x = LEFT + 2 + i * slot + (slot - bar) / 2;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                            + "fill=\"#2563eb\"><title>%s: %s</title></rect>", x, HEIGHT - BOTTOM - h, bar, h,
                    escape(labels.get(i)), escape(shown.get(i))));
            if (i % labelEvery == 0) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                        x + bar / 2, HEIGHT - 8, escape(labels.get(i))));
            }
        }
        return svg.append("</svg>").toString();
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
