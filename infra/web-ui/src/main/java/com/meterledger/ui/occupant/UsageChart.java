package com.meterledger.ui.occupant;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A bar chart of use per day or per month, drawn by the server as SVG (no script, no CDN): every bar carries its
 * label and quantity as a {@code <title>}, and the page puts the same figures in a table beside it, so a screen reader
 * and a phone without scripts read the numbers, not a picture.
 *
 * @param bars   one per period, oldest first, with its geometry in the view box
 * @param width  the view box's width
 * @param height the view box's height
 * @param max    the tallest bar's quantity, as the axis says it
 */
public record UsageChart(List<Bar> bars, int width, int height, String max) {
    static final int HEIGHT = 120;
    static final int TOP = 14;
    static final int BOTTOM = 18;
    static final int BAR_SLOT = 14;

    /**
     * @param label    the period as the axis shows it (a day of month, a month)
     * @param title    the period in full (a date), for the bar's title and the table
     * @param quantity the quantity in the utility's unit
     * @param cost     what it cost, formatted
     */
    public record Bar(String label, String title, String quantity, String cost, int x, int y, int width, int height,
                      boolean labelled) {
    }

    /** One period's figures before layout. */
    public record Point(String label, String title, BigDecimal quantity, String cost) {
    }

    /** The chart of {@code points}; every {@code labelEvery}-th bar gets its label drawn under it. */
    public static UsageChart of(List<Point> points, int labelEvery) {
        BigDecimal max = points.stream().map(Point::quantity).reduce(BigDecimal.ZERO, BigDecimal::max);
        int plot = HEIGHT - TOP - BOTTOM;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            int barHeight = max.signum() == 0 ? 0 : point.quantity().multiply(BigDecimal.valueOf(plot))
                    .divide(max, 0, RoundingMode.HALF_UP).intValue();
            if (point.quantity().signum() > 0 && barHeight == 0) {
                barHeight = 1;
            }
            int slotsFromEnd = points.size() - 1 - i;
            bars.add(new Bar(point.label(), point.title(), point.quantity().stripTrailingZeros().toPlainString(), point.cost(),
                    i * BAR_SLOT + 2, TOP + plot - barHeight, BAR_SLOT - 4, barHeight,
                    slotsFromEnd % Math.max(1, labelEvery) == 0));
        }
        return new UsageChart(bars, Math.max(1, points.size()) * BAR_SLOT, HEIGHT,
                max.stripTrailingZeros().toPlainString());
    }

    /** The y of the axis' baseline. */
    public int baseline() {
        return HEIGHT - BOTTOM;
    }
}
