package dev.tasquencer.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Draws how W1's time per work item grows with N, per engine and database, as an SVG (log-log
 * axes), from a run's JSON document.
 */
public final class Plot {
  private static final int W = 760;
  private static final int H = 440;
  private static final int LEFT = 80;
  private static final int RIGHT = 210;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;
  private static final Map<String, String> COLORS =
      Map.of("tasquencer", "#1b7837", "flowable", "#2166ac", "camunda", "#b2182b");

  private Plot() {}

  private record Point(double n, double micros) {}

  /** The SVG of W1's µs per work item against N. */
  public static String w1(JsonNode doc) {
    Map<String, List<Point>> series = new LinkedHashMap<>();
    for (JsonNode r : doc.path("results")) {
      if (!r.path("workload").asString().equals("W1")) {
        continue;
      }
      String db = r.path("db").asString();
      double n = r.path("size").asDouble();
      add(series, "tasquencer", db, n, r.path("ours"));
      for (String p : Report.PEERS) {
        add(series, p, db, n, r.path("peers").path(p));
      }
    }
    double minN = Double.MAX_VALUE;
    double maxN = 0;
    double minY = Double.MAX_VALUE;
    double maxY = 0;
    for (List<Point> ps : series.values()) {
      for (Point p : ps) {
        minN = Math.min(minN, p.n());
        maxN = Math.max(maxN, p.n());
        minY = Math.min(minY, p.micros());
        maxY = Math.max(maxY, p.micros());
      }
    }
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n",
            W,
            H,
            W,
            H));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"22\" font-size=\"14\" font-weight=\"bold\">W1: time per work item"
                + " against N (log-log; flat = linear cost)</text>%n",
            LEFT));
    if (series.isEmpty()) {
      return svg.append("</svg>\n").toString();
    }
    double x0 = Math.floor(Math.log10(minN));
    double x1 = Math.max(x0 + 1, Math.ceil(Math.log10(maxN)));
    double y0 = Math.floor(Math.log10(minY));
    double y1 = Math.max(y0 + 1, Math.ceil(Math.log10(maxY)));
    int pw = W - LEFT - RIGHT;
    int ph = H - TOP - BOTTOM;
    for (double d = x0; d <= x1 + 1e-9; d++) {
      double x = LEFT + (d - x0) / (x1 - x0) * pw;
      svg.append(line(x, TOP, x, TOP + ph, "#ddd"));
      svg.append(
          text(x, TOP + ph + 18, String.format(Locale.ROOT, "%,.0f", Math.pow(10, d)), "middle"));
    }
    for (double d = y0; d <= y1 + 1e-9; d++) {
      double y = TOP + ph - (d - y0) / (y1 - y0) * ph;
      svg.append(line(LEFT, y, LEFT + pw, y, "#ddd"));
      svg.append(text(LEFT - 6, y + 4, label(Math.pow(10, d)), "end"));
    }
    svg.append(line(LEFT, TOP, LEFT, TOP + ph, "#333"));
    svg.append(line(LEFT, TOP + ph, LEFT + pw, TOP + ph, "#333"));
    svg.append(text(LEFT + pw / 2.0, H - 18, "N (work items in the one call)", "middle"));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"18\" y=\"%d\" transform=\"rotate(-90 18 %d)\" text-anchor=\"middle\">µs per"
                + " work item (median)</text>%n",
            TOP + ph / 2,
            TOP + ph / 2));
    int legend = 0;
    for (Map.Entry<String, List<Point>> e : series.entrySet()) {
      String[] key = e.getKey().split("/");
      String color = COLORS.getOrDefault(key[0], "#555");
      String dash = key[1].equals("pg") ? " stroke-dasharray=\"6 4\"" : "";
      StringBuilder path = new StringBuilder();
      for (Point p : e.getValue()) {
        double x = LEFT + (Math.log10(p.n()) - x0) / (x1 - x0) * pw;
        double y = TOP + ph - (Math.log10(p.micros()) - y0) / (y1 - y0) * ph;
        path.append(path.length() == 0 ? "M" : " L")
            .append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n",
                x,
                y,
                color));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
              path,
              color,
              dash));
      double ly = TOP + 10 + legend * 20;
      double lx = LEFT + pw + 16;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                  + " stroke-width=\"2\"%s/>%n",
              lx,
              ly,
              lx + 28,
              ly,
              color,
              dash));
      svg.append(
          text(
              lx + 34,
              ly + 4,
              key[0] + (key[1].equals("pg") ? " (PostgreSQL)" : " (H2)"),
              "start"));
      legend++;
    }
    return svg.append("</svg>\n").toString();
  }

  private static void add(
      Map<String, List<Point>> series, String engine, String db, double n, JsonNode stats) {
    JsonNode micros = stats.path("medianMicrosPerUnit");
    if (micros.isNumber()) {
      series
          .computeIfAbsent(engine + "/" + db, k -> new ArrayList<>())
          .add(new Point(n, micros.asDouble()));
    }
  }

  private static String label(double micros) {
    if (micros >= 1_000_000) {
      return String.format(Locale.ROOT, "%.0f s", micros / 1e6);
    }
    if (micros >= 1000) {
      return String.format(Locale.ROOT, "%.0f ms", micros / 1e3);
    }
    return String.format(Locale.ROOT, micros >= 1 ? "%.0f µs" : "%.1f µs", micros);
  }

  private static String line(double x1, double y1, double x2, double y2, String color) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
        x1,
        y1,
        x2,
        y2,
        color);
  }

  private static String text(double x, double y, String s, String anchor) {
    return String.format(
        Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n", x, y, anchor, s);
  }
}
