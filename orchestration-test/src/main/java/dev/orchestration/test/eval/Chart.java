package dev.orchestration.test.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

import org.jspecify.annotations.Nullable;

/**
 * A small headless line/scatter chart written as PNG with java.awt and ImageIO (no chart
 * library): axes with ticks, axis labels, a title, one colour per series, optional point
 * labels and a legend.
 */
public final class Chart {

	static {
		System.setProperty("java.awt.headless", "true");
	}

	private static final Color[] PALETTE = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
			new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
			new Color(0xbcbd22), new Color(0x17becf) };

	private static final int WIDTH = 1000;

	private static final int HEIGHT = 620;

	private static final int LEFT = 90;

	private static final int RIGHT = 290;

	private static final int TOP = 50;

	private static final int BOTTOM = 70;

	/** One point; the label, when present, is drawn next to it. */
	public record Point(double x, double y, @Nullable String label) {

		public static Point of(double x, double y) {
			return new Point(x, y, null);
		}

	}

	/**
	 * A named series: points, joined by a line when {@code line}, the line dashed when
	 * {@code dashed}.
	 */
	public record Series(String name, List<Point> points, boolean line, boolean dashed) {

		public Series {
			points = List.copyOf(points);
		}

		public static Series points(String name, List<Point> points) {
			return new Series(name, points, false, false);
		}

		public static Series line(String name, List<Point> points) {
			return new Series(name, points, true, false);
		}

		public static Series dashed(String name, List<Point> points) {
			return new Series(name, points, true, true);
		}

	}

	private final String title;

	private final String xLabel;

	private final String yLabel;

	private final List<Series> series = new ArrayList<>();

	private @Nullable double[] xRange;

	private @Nullable double[] yRange;

	public Chart(String title, String xLabel, String yLabel) {
		this.title = title;
		this.xLabel = xLabel;
		this.yLabel = yLabel;
	}

	public Chart add(Series s) {
		this.series.add(s);
		return this;
	}

	public Chart xRange(double min, double max) {
		this.xRange = new double[] { min, max };
		return this;
	}

	public Chart yRange(double min, double max) {
		this.yRange = new double[] { min, max };
		return this;
	}

	/** Renders the chart. */
	public BufferedImage render() {
		double[] xr = (this.xRange != null) ? this.xRange : niceRange(true);
		double[] yr = (this.yRange != null) ? this.yRange : niceRange(false);
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, WIDTH, HEIGHT);
			int plotW = WIDTH - LEFT - RIGHT;
			int plotH = HEIGHT - TOP - BOTTOM;
			Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
			g.setFont(base);
			FontMetrics fm = g.getFontMetrics();
			// grid and ticks
			double xStep = niceStep((xr[1] - xr[0]) / 6);
			double yStep = niceStep((yr[1] - yr[0]) / 6);
			for (double v = Math.ceil(xr[0] / xStep) * xStep; v <= xr[1] + xStep * 1e-9; v += xStep) {
				int px = (int) Math.round(LEFT + (v - xr[0]) / (xr[1] - xr[0]) * plotW);
				g.setColor(new Color(0xeeeeee));
				g.drawLine(px, TOP, px, TOP + plotH);
				g.setColor(Color.DARK_GRAY);
				g.drawLine(px, TOP + plotH, px, TOP + plotH + 5);
				String text = format(v, xStep);
				g.drawString(text, px - fm.stringWidth(text) / 2, TOP + plotH + 20);
			}
			for (double v = Math.ceil(yr[0] / yStep) * yStep; v <= yr[1] + yStep * 1e-9; v += yStep) {
				int py = (int) Math.round(TOP + plotH - (v - yr[0]) / (yr[1] - yr[0]) * plotH);
				g.setColor(new Color(0xeeeeee));
				g.drawLine(LEFT, py, LEFT + plotW, py);
				g.setColor(Color.DARK_GRAY);
				g.drawLine(LEFT - 5, py, LEFT, py);
				String text = format(v, yStep);
				g.drawString(text, LEFT - 8 - fm.stringWidth(text), py + fm.getAscent() / 2 - 1);
			}
			g.setColor(Color.BLACK);
			g.drawRect(LEFT, TOP, plotW, plotH);
			// labels and title
			g.drawString(this.xLabel, LEFT + plotW / 2 - fm.stringWidth(this.xLabel) / 2, HEIGHT - 25);
			Graphics2D rotated = (Graphics2D) g.create();
			rotated.rotate(-Math.PI / 2);
			rotated.drawString(this.yLabel, -(TOP + plotH / 2) - fm.stringWidth(this.yLabel) / 2, 25);
			rotated.dispose();
			g.setFont(base.deriveFont(Font.BOLD, 15f));
			g.drawString(this.title, LEFT, TOP - 18);
			g.setFont(base);
			// series
			Stroke solid = new BasicStroke(2f);
			Stroke dashed = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
					new float[] { 6f, 5f }, 0f);
			for (int s = 0; s < this.series.size(); s++) {
				Series series = this.series.get(s);
				g.setColor(PALETTE[s % PALETTE.length]);
				List<double[]> pixels = new ArrayList<>();
				for (Point p : series.points()) {
					pixels.add(new double[] { LEFT + (p.x() - xr[0]) / (xr[1] - xr[0]) * plotW,
							TOP + plotH - (p.y() - yr[0]) / (yr[1] - yr[0]) * plotH });
				}
				if (series.line()) {
					g.setStroke(series.dashed() ? dashed : solid);
					for (int i = 1; i < pixels.size(); i++) {
						g.draw(new Line2D.Double(pixels.get(i - 1)[0], pixels.get(i - 1)[1], pixels.get(i)[0],
								pixels.get(i)[1]));
					}
					g.setStroke(new BasicStroke(1f));
				}
				if (!series.dashed()) {
					for (int i = 0; i < pixels.size(); i++) {
						double[] px = pixels.get(i);
						g.fill(new Ellipse2D.Double(px[0] - 4, px[1] - 4, 8, 8));
						String label = series.points().get(i).label();
						if (label != null) {
							g.drawString(label, (float) px[0] + 7, (float) px[1] - 6);
						}
					}
				}
			}
			// legend
			int lx = LEFT + plotW + 20;
			int ly = TOP + 10;
			for (int s = 0; s < this.series.size(); s++) {
				Series series = this.series.get(s);
				g.setColor(PALETTE[s % PALETTE.length]);
				if (series.line()) {
					g.setStroke(series.dashed() ? dashed : solid);
					g.drawLine(lx, ly + 18 * s, lx + 24, ly + 18 * s);
					g.setStroke(new BasicStroke(1f));
				}
				if (!series.dashed()) {
					g.fill(new Ellipse2D.Double(lx + 8, ly + 18 * s - 4, 8, 8));
				}
				g.setColor(Color.BLACK);
				String name = (series.name().length() > 38) ? series.name().substring(0, 36) + "..." : series.name();
				g.drawString(name, lx + 32, ly + 18 * s + 4);
			}
		}
		finally {
			g.dispose();
		}
		return image;
	}

	/** Renders and writes the chart as PNG, creating parent directories. */
	public Path writePng(Path file) {
		try {
			if (file.toAbsolutePath().getParent() != null) {
				Files.createDirectories(file.toAbsolutePath().getParent());
			}
			if (!ImageIO.write(render(), "png", file.toFile())) {
				throw new IOException("no PNG writer");
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write chart " + file, ex);
		}
	}

	private double[] niceRange(boolean x) {
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (Series s : this.series) {
			for (Point p : s.points()) {
				double v = x ? p.x() : p.y();
				if (Double.isFinite(v)) {
					min = Math.min(min, v);
					max = Math.max(max, v);
				}
			}
		}
		if (min == Double.POSITIVE_INFINITY) {
			return new double[] { 0, 1 };
		}
		if (max - min < 1e-12) {
			double pad = (Math.abs(max) > 0) ? Math.abs(max) * 0.1 : 1;
			return new double[] { min - pad, max + pad };
		}
		double pad = (max - min) * 0.08;
		double lo = (min >= 0 && min - pad < 0) ? 0 : min - pad;
		return new double[] { lo, max + pad };
	}

	static double niceStep(double raw) {
		if (raw <= 0 || !Double.isFinite(raw)) {
			return 1;
		}
		double exp = Math.pow(10, Math.floor(Math.log10(raw)));
		double f = raw / exp;
		double nice = (f < 1.5) ? 1 : (f < 3) ? 2 : (f < 7) ? 5 : 10;
		return nice * exp;
	}

	static String format(double v, double step) {
		if (Math.abs(v) < step * 1e-6) {
			v = 0;
		}
		int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step)));
		return String.format(Locale.ROOT, "%." + Math.min(decimals, 8) + "f", v);
	}

}
