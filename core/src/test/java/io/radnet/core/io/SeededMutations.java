package io.radnet.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Corrupt variants of a valid file, drawn from a seeded generator so every run tries the same
 * inputs: bit flips, truncation, inserted, deleted and duplicated byte ranges, a duplicated or a
 * removed JSON key, numbers replaced by huge ones, and (for safetensors) a false header length.
 * Used by the reader harness of core and the command harness of the cli.
 */
public final class SeededMutations {
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern KEY = Pattern.compile("\"[^\"]*\"\\s*:");
    private static final String[] HUGE = {"18446744073709551615", "9223372036854775807", "2147483648", "4294967296",
        "100000000", "1e308", "1e999", "-1", "0"};

    private final byte[] valid;
    private final boolean safetensors;
    private final SplittableRandom random;

    /**
     * @param valid the bytes of a valid file, not modified
     * @param safetensors whether the first 8 bytes are a safetensors header length
     * @param seed the seed of the sequence of mutations
     */
    public SeededMutations(byte[] valid, boolean safetensors, long seed) {
        this.valid = valid.clone();
        this.safetensors = safetensors;
        this.random = new SplittableRandom(seed);
    }

    /**
     * @return the next corrupt variant: one to three mutations of the valid bytes; for
     *     safetensors, half the time of the header alone, with its length field kept true, so
     *     that the mutation reaches the checks behind the length
     */
    public byte[] next() {
        if (safetensors && random.nextBoolean()) {
            int headerLength = (int) ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            byte[] header = Arrays.copyOfRange(valid, 8, 8 + headerLength);
            byte[] data = Arrays.copyOfRange(valid, 8 + headerLength, valid.length);
            int count = 1 + random.nextInt(2);
            for (int k = 0; k < count; k++) {
                header = mutateText(header);
            }
            if (random.nextInt(4) == 0) {
                data = mutateText(data);
            }
            ByteBuffer out = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
            return out.putLong(header.length).put(header).put(data).array();
        }
        byte[] bytes = valid.clone();
        int count = 1 + random.nextInt(3);
        for (int k = 0; k < count; k++) {
            bytes = mutate(bytes);
        }
        return bytes;
    }

    private byte[] mutate(byte[] bytes) {
        if (safetensors && random.nextInt(9) == 0) {
            byte[] out = bytes.clone();
            long declared = random.nextBoolean() ? random.nextLong() : random.nextInt(Math.max(1, out.length * 2));
            if (out.length >= 8) {
                ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(0, declared);
            }
            return out;
        }
        return mutateText(bytes);
    }

    private byte[] mutateText(byte[] bytes) {
        int kind = random.nextInt(8);
        int length = bytes.length;
        switch (kind) {
            case 0 -> {
                byte[] out = bytes.clone();
                int flips = 1 + random.nextInt(8);
                for (int f = 0; f < flips && length > 0; f++) {
                    out[random.nextInt(length)] ^= (byte) (1 << random.nextInt(8));
                }
                return out;
            }
            case 1 -> {
                return Arrays.copyOf(bytes, length == 0 ? 0 : random.nextInt(length));
            }
            case 2 -> {
                byte[] inserted = new byte[1 + random.nextInt(16)];
                for (int k = 0; k < inserted.length; k++) {
                    inserted[k] = (byte) random.nextInt(256);
                }
                return splice(bytes, random.nextInt(length + 1), 0, inserted);
            }
            case 3 -> {
                int from = random.nextInt(length + 1);
                return splice(bytes, from, random.nextInt(length - from + 1), new byte[0]);
            }
            case 4 -> {
                int from = random.nextInt(length + 1);
                int to = from + random.nextInt(Math.min(64, length - from) + 1);
                return splice(bytes, to, 0, Arrays.copyOfRange(bytes, from, to));
            }
            case 5 -> {
                return replaceMatch(bytes, NUMBER, HUGE[random.nextInt(HUGE.length)]);
            }
            case 6 -> {
                return duplicateKey(bytes);
            }
            default -> {
                return removeKey(bytes);
            }
        }
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] out = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
        return out;
    }

    /** The text as ISO-8859-1, one char per byte, so that byte offsets survive the regex. */
    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private byte[] replaceMatch(byte[] bytes, Pattern pattern, String replacement) {
        String text = latin1(bytes);
        Matcher m = pattern.matcher(text);
        int matches = 0;
        while (m.find()) {
            matches++;
        }
        if (matches == 0) {
            return bytes;
        }
        int pick = random.nextInt(matches);
        m.reset();
        for (int k = 0; k <= pick; k++) {
            m.find();
        }
        return splice(bytes, m.start(), m.end() - m.start(), replacement.getBytes(StandardCharsets.ISO_8859_1));
    }

    private int[] pickKey(byte[] bytes) {
        Matcher m = KEY.matcher(latin1(bytes));
        int matches = 0;
        while (m.find()) {
            matches++;
        }
        if (matches == 0) {
            return null;
        }
        int pick = random.nextInt(matches);
        m.reset();
        for (int k = 0; k <= pick; k++) {
            m.find();
        }
        return new int[] {m.start(), m.end()};
    }

    /** A key and the text after it up to the next comma, inserted again after itself. */
    private byte[] duplicateKey(byte[] bytes) {
        int[] key = pickKey(bytes);
        if (key == null) {
            return bytes;
        }
        int end = key[1];
        while (end < bytes.length && bytes[end] != ',' && bytes[end] != '}') {
            end++;
        }
        byte[] entry = Arrays.copyOfRange(bytes, key[0], end);
        byte[] insert = new byte[entry.length + 1];
        System.arraycopy(entry, 0, insert, 0, entry.length);
        insert[entry.length] = ',';
        return splice(bytes, key[0], 0, insert);
    }

    /** A key and the text after it up to the next comma, removed. */
    private byte[] removeKey(byte[] bytes) {
        int[] key = pickKey(bytes);
        if (key == null) {
            return bytes;
        }
        int end = key[1];
        int depth = 0;
        while (end < bytes.length && (depth > 0 || bytes[end] != ',' && bytes[end] != '}')) {
            depth += bytes[end] == '[' || bytes[end] == '{' ? 1 : bytes[end] == ']' || bytes[end] == '}' ? -1 : 0;
            end++;
        }
        if (end < bytes.length && bytes[end] == ',') {
            end++;
        }
        return splice(bytes, key[0], end - key[0], new byte[0]);
    }
}
