package org.uforklab.kernel.install;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

/** The kernel's logo, drawn (headless) at the sizes Jupyter asks for: "uF" on a dark rounded square. */
final class Logo {

    private Logo() {
    }

    /** A {@code size}×{@code size} PNG. */
    static byte[] png(int size) throws IOException {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0x1f, 0x3a, 0x5f));
            int arc = size / 4;
            g.fillRoundRect(0, 0, size, size, arc, arc);
            g.setColor(new Color(0xf5, 0xa6, 0x23));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size * 9 / 16));
            String text = "uF";
            int w = g.getFontMetrics().stringWidth(text);
            int ascent = g.getFontMetrics().getAscent();
            int descent = g.getFontMetrics().getDescent();
            g.drawString(text, (size - w) / 2, (size + ascent - descent) / 2);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
