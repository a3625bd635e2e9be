package io.radnet.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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
        return raw(file, declaredHeaderLength, header.getBytes(StandardCharsets.UTF_8), data);
    }

    /**
     * @param file where to write
     * @param declaredHeaderLength the 8-byte little-endian length field (may lie)
     * @param h the header bytes (need not be UTF-8)
     * @param data the data buffer
     * @return the file
     */
    public static Path raw(Path file, long declaredHeaderLength, byte[] h, byte[] data) throws IOException {
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

    /**
     * A corrupt model file and the words the message rejecting it must contain.
     *
     * @param name what is wrong, for test names
     * @param file the file
     * @param expected fragments of the expected message
     */
    public record Corruption(String name, Path file, String... expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Every kind of damage the issue lists, built from the valid (2, 3, 2) file. Used by the
     * command tests as well.
     *
     * @param dir where to write the files
     * @return name → file → expected message fragments
     */
    public static List<Corruption> corruptions(Path dir) throws IOException {
        byte[] data = f64Sequence(17, -1.0);
        String valid = validHeader();
        byte[] validBytes = Files.readAllBytes(raw(dir.resolve("valid.safetensors"), valid, data));
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, Arrays.copyOf(validBytes, validBytes.length - 20));
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        double[] nan = new double[17];
        Arrays.fill(nan, 0.5);
        nan[4] = Double.NaN;
        return List.of(
                new Corruption("truncated data", truncated, "layers.1.weight", "past the end of the data buffer"),
                new Corruption("shorter than the length field", tiny, "3 bytes", "8-byte header length"),
                new Corruption("header length past the end", raw(dir.resolve("hlen.safetensors"), 1_000_000, valid, data),
                        "header length 1000000", "past the end of the file"),
                new Corruption("16 EB header length", raw(dir.resolve("eb.safetensors"), -1L, valid, data),
                        "18446744073709551615", "past the end"),
                new Corruption("16 EB tensor", raw(dir.resolve("ebtensor.safetensors"), valid.replace(
                        "\"shape\":[3,2],\"data_offsets\":[0,48]", "\"shape\":[2305843009213693952,1],\"data_offsets\":[0,48]"),
                        data), "layers.0.weight", "more than 2^63 bytes"),
                new Corruption("offsets out of range", raw(dir.resolve("range.safetensors"),
                        valid.replace("[120,136]", "[120,4096]"), data), "layers.1.bias", "past the end"),
                new Corruption("offsets overlapping", raw(dir.resolve("overlap.safetensors"),
                        valid.replace("[48,72]", "[40,64]"), data), "layers.0.weight", "layers.0.bias", "overlap"),
                new Corruption("wrong dtype", raw(dir.resolve("dtype.safetensors"),
                        valid.replace("\"dtype\":\"F64\",\"shape\":[3]", "\"dtype\":\"I32\",\"shape\":[3]"), data),
                        "layers.0.bias", "dtype I32", "F64, F32 and I64"),
                new Corruption("shape and bytes disagree", raw(dir.resolve("shape.safetensors"),
                        valid.replace("\"shape\":[2,3]", "\"shape\":[2,2]"), data),
                        "layers.1.weight", "need 32 bytes", "hold 48"),
                new Corruption("NaN weight", raw(dir.resolve("nan.safetensors"), valid, f64(nan)),
                        "layers.0.weight", "NaN", "[2, 0]"),
                new Corruption("widths that do not chain", raw(dir.resolve("chain.safetensors"),
                        valid.replace("\"shape\":[2,3],\"data_offsets\":[72,120]", "\"shape\":[3,2],\"data_offsets\":[72,120]")
                                .replace("\"shape\":[2],\"data_offsets\":[120,136]", "\"shape\":[3],\"data_offsets\":[120,144]"),
                        f64Sequence(18, 0)), "layers.1.weight", "do not chain"),
                new Corruption("header not JSON", raw(dir.resolve("json.safetensors"), "{\"layers.0.weight\": [", data),
                        "not valid JSON"),
                new Corruption("metadata widths disagree", raw(dir.resolve("widths.safetensors"),
                        valid.replace("[2,3,2]", "[2,4,2]"), data), "metadata widths [2,4,2]", "[2,3,2]"),
                new Corruption("bias missing", raw(dir.resolve("bias.safetensors"),
                        valid.replace(",\"layers.1.bias\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[120,136]}", ""),
                        f64Sequence(15, -1.0)), "layers.1.bias is missing"),
                new Corruption("hole between tensors", raw(dir.resolve("hole.safetensors"),
                        valid.replace("[72,120]", "[80,128]").replace("[120,136]", "[128,144]"), f64Sequence(18, -1.0)),
                        "8 bytes that no tensor indexes", "between tensors 'layers.0.bias' and 'layers.1.weight'",
                        "file offset " + (8 + valid.length() + 72)),
                new Corruption("trailing bytes", raw(dir.resolve("trailing.safetensors"), valid, f64Sequence(18, -1.0)),
                        "8 bytes after the last tensor", "file offset " + (8 + valid.length() + 136)),
                new Corruption("invalid UTF-8 in the header", raw(dir.resolve("utf8.safetensors"), valid.length(),
                        invalidUtf8(valid, valid.indexOf("radnet") + 3), data),
                        "not valid UTF-8", "0xff", "file offset " + (8 + valid.indexOf("radnet") + 3)),
                new Corruption("text after the header's object", raw(dir.resolve("after.safetensors"), valid + " {}", data),
                        "text after its JSON object", "column " + (valid.length() + 2)),
                new Corruption("an extra shift", raw(dir.resolve("shift7.safetensors"), valid.substring(0, valid.length() - 1)
                        + ",\"act_fns.7.bias\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[136,144]}}",
                        f64Sequence(18, -1.0)), "'act_fns.7.bias' belongs to no hidden layer"),
                new Corruption("a layer index with a leading zero", raw(dir.resolve("zero.safetensors"),
                        valid.substring(0, valid.length() - 1)
                        + ",\"layers.01.bias\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[136,152]}}",
                        f64Sequence(19, -1.0)), "unexpected tensor 'layers.01.bias'"));
    }

    /** @return the text as UTF-8 with the byte at {@code index} replaced by 0xff, which UTF-8 never uses */
    private static byte[] invalidUtf8(String text, int index) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        bytes[index] = (byte) 0xff;
        return bytes;
    }
}
