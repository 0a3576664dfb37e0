package dev.shapes.kernel;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The kernel's logo, drawn at any size: a tensor seen as a stack of 3 x 3
 * grids (an isometric block) on a rounded indigo square, with one cell in
 * orange, the colour Shapes uses for a mismatched axis.
 */
final class Logo {

    private static final Color BACKGROUND = new Color(0x3B3F9E);
    private static final Color FACE = new Color(0xE8EAF6);
    private static final Color SIDE = new Color(0x9FA8DA);
    private static final Color TOP = new Color(0xC5CAE9);
    private static final Color LINES = new Color(0x1A1C4B);
    private static final Color MISMATCH = new Color(0xFF8F00);

    private Logo() {}

    static byte[] png(int size) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            double s = size;
            g.setColor(BACKGROUND);
            g.fill(new RoundRectangle2D.Double(0, 0, s, s, s * 0.3, s * 0.3));
            double cell = s * 0.16;
            double depth = s * 0.16;
            double left = s * 0.16;
            double top = s * 0.16 + depth;
            double width = 3 * cell;
            // top and right faces of the block, then the front grid
            g.setColor(TOP);
            g.fill(quad(left, top, left + depth, top - depth, left + width + depth, top - depth, left + width, top));
            g.setColor(SIDE);
            g.fill(quad(left + width, top, left + width + depth, top - depth, left + width + depth, top + width - depth,
                    left + width, top + width));
            g.setColor(FACE);
            g.fill(new java.awt.geom.Rectangle2D.Double(left, top, width, width));
            g.setColor(MISMATCH);
            g.fill(new java.awt.geom.Rectangle2D.Double(left + 2 * cell, top + cell, cell, cell));
            g.setColor(LINES);
            g.setStroke(new BasicStroke((float) Math.max(1, s / 40)));
            for (int i = 0; i <= 3; i++) {
                g.draw(new java.awt.geom.Line2D.Double(left + i * cell, top, left + i * cell, top + width));
                g.draw(new java.awt.geom.Line2D.Double(left, top + i * cell, left + width, top + i * cell));
            }
            g.draw(quad(left, top, left + depth, top - depth, left + width + depth, top - depth, left + width, top));
            g.draw(quad(left + width, top, left + width + depth, top - depth, left + width + depth, top + width - depth,
                    left + width, top + width));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Path2D quad(double x1, double y1, double x2, double y2, double x3, double y3, double x4, double y4) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(x1, y1);
        path.lineTo(x2, y2);
        path.lineTo(x3, y3);
        path.lineTo(x4, y4);
        path.closePath();
        return path;
    }
}
