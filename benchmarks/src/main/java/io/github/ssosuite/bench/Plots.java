package io.github.ssosuite.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Line charts as PNG with plain Java2D (headless): series of (x, y) points, linear or log-10 x axis. */
final class Plots {

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd)};

    private Plots() {
    }

    /** The empirical CDF of each sample: x = latency, y = fraction of flows at or below it. */
    static Map<String, List<double[]>> cdf(Map<String, List<Double>> samples) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        samples.forEach((name, values) -> {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            List<double[]> points = new ArrayList<>();
            int step = Math.max(1, sorted.size() / 400);
            for (int i = 0; i < sorted.size(); i += step) {
                points.add(new double[] {sorted.get(i), (i + 1.0) / sorted.size()});
            }
            if (!sorted.isEmpty()) {
                points.add(new double[] {sorted.get(sorted.size() - 1), 1.0});
            }
            series.put(name, points);
        });
        return series;
    }

    static void lines(Path png, String title, String xLabel, String yLabel, Map<String, List<double[]>> series,
            boolean logX) throws IOException {
        int w = 900;
        int h = 520;
        int left = 100;
        int right = 30;
        int top = 50;
        int bottom = 70;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = 0;
        for (List<double[]> points : series.values()) {
            for (double[] p : points) {
                double x = logX ? Math.log10(Math.max(p[0], 0.01)) : p[0];
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, p[1]);
            }
        }
        if (minX == Double.MAX_VALUE) {
            minX = 0;
            maxX = 1;
        }
        if (!logX) {
            minX = Math.min(0, minX);
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        maxY = maxY <= 0 ? 1 : maxY * 1.08;
        int plotW = w - left - right;
        int plotH = h - top - bottom;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(left, top, plotW, plotH);
        // grid and ticks
        for (int i = 0; i <= 5; i++) {
            int y = top + plotH - i * plotH / 5;
            g.setColor(new Color(0xeeeeee));
            g.drawLine(left + 1, y, left + plotW - 1, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(format(maxY * i / 5), left - 50, y + 4);
        }
        for (int i = 0; i <= 6; i++) {
            int x = left + i * plotW / 6;
            double value = minX + (maxX - minX) * i / 6;
            g.setColor(new Color(0xeeeeee));
            g.drawLine(x, top + 1, x, top + plotH - 1);
            g.setColor(Color.DARK_GRAY);
            g.drawString(format(logX ? Math.pow(10, value) : value), x - 12, top + plotH + 18);
        }
        g.drawString(xLabel + (logX ? " (log scale)" : ""), left + plotW / 2 - 60, h - 25);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(top + plotH / 2 + 40), 18);
        g.rotate(Math.PI / 2);
        int c = 0;
        int legendY = top + 18;
        for (var entry : series.entrySet()) {
            g.setColor(COLORS[c++ % COLORS.length]);
            g.setStroke(new BasicStroke(2.2f));
            int px = -1;
            int py = -1;
            for (double[] p : entry.getValue()) {
                double xv = logX ? Math.log10(Math.max(p[0], 0.01)) : p[0];
                int x = left + (int) Math.round((xv - minX) / (maxX - minX) * plotW);
                int y = top + plotH - (int) Math.round(p[1] / maxY * plotH);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                if (entry.getValue().size() <= 12) {
                    g.fillOval(x - 4, y - 4, 8, 8);
                }
                px = x;
                py = y;
            }
            g.fillRect(left + plotW - 220, legendY - 9, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(entry.getKey(), left + plotW - 200, legendY);
            legendY += 18;
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static String format(double v) {
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (Math.abs(v) >= 1) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
