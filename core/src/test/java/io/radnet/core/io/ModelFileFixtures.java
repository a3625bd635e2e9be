package io.radnet.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hand-made safetensors files for the corruption tests: any header text, any declared header
 * length, any data bytes, written byte for byte (no validation on this side).
 */
public final class ModelFileFixtures {
    private ModelFileFixtures() {
    }

    /**
     * @param file where to write
     * @param declaredHeaderLength the 8-byte little-endian length field (may lie)
     * @param header the header text
     * @param data the data buffer
     * @return the file
     */
    public static Path raw(Path file, long declaredHeaderLength, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(declaredHeaderLength).array());
        out.write(h);
        out.write(data);
        Files.write(file, out.toByteArray());
        return file;
    }

    /**
     * @param file where to write
     * @param header the header text, its true length declared
     * @param data the data buffer
     * @return the file
     */
    public static Path raw(Path file, String header, byte[] data) throws IOException {
        return raw(file, header.getBytes(StandardCharsets.UTF_8).length, header, data);
    }

    /**
     * @param values doubles
     * @return their little-endian F64 bytes
     */
    public static byte[] f64(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    /**
     * @param count how many
     * @param start the first value; the rest count up by 0.125 (exact in binary)
     * @return count F64 values as bytes
     */
    public static byte[] f64Sequence(int count, double start) {
        double[] v = new double[count];
        for (int k = 0; k < count; k++) {
            v[k] = start + 0.125 * k;
        }
        return f64(v);
    }

    /**
     * A valid radnet radial (2, 3, 2) network with sigmoid: layers.0 (3×2 + 3), layers.1 (2×3 +
     * 2), data 17 doubles back to back; the header can be replaced to corrupt it.
     *
     * @return the header, with data_offsets for 136 bytes of data
     */
    public static String validHeader() {
        return "{\"__metadata__\":{\"format\":\"radnet\",\"kind\":\"radial\",\"widths\":\"[2,3,2]\","
                + "\"activation\":\"sigmoid\"},"
                + "\"layers.0.weight\":{\"dtype\":\"F64\",\"shape\":[3,2],\"data_offsets\":[0,48]},"
                + "\"layers.0.bias\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[48,72]},"
                + "\"layers.1.weight\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[72,120]},"
                + "\"layers.1.bias\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[120,136]}}";
    }
}
