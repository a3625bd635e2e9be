package io.radnet.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (Hugging Face; what PyTorch users save weights in), read and written
 * without any native code.
 *
 * <p>Layout: an unsigned 64-bit little-endian integer N; N bytes of UTF-8 JSON (the header);
 * then the data buffer, which runs to the end of the file. The header is an object mapping each
 * tensor name to {@code {"dtype": D, "shape": [d₀, …], "data_offsets": [begin, end]}}, with
 * byte offsets relative to the start of the data buffer, plus an optional
 * {@code "__metadata__"} object of string → string. Tensor data are little-endian, row-major.
 *
 * <p>Reading accepts dtypes {@code F64}, {@code F32} and {@code I64} (widened exactly to double;
 * an I64 value beyond 2⁵³ in magnitude is refused; PyTorch stores batch normalisation's
 * {@code num_batches_tracked} so) and
 * validates, in this order and before allocating anything sized by the file's claims: the file
 * holds the 8-byte length; N is at most the bytes that follow it (and at most
 * {@value #MAX_HEADER_BYTES}); the header is valid UTF-8 (no byte is replaced) holding one
 * JSON object without duplicate keys and with nothing but spaces after it; every entry has a
 * supported dtype, a shape of non-negative integers and two offsets
 * 0 ≤ begin ≤ end ≤ data length; end − begin equals (product of the shape) × (dtype size),
 * computed without overflow; the tensors, ordered by (begin, end), index the data buffer
 * fully: the first begins at 0, each begins where the previous one ends, the last ends at the
 * end of the file (no overlap, no hole, no trailing byte; the reference implementation's
 * rule). Only then are the bytes read, and every value must be finite. Each failure is a
 * {@link ModelFileException} naming the file, the tensor or byte offset and the problem.
 *
 * <p>Writing stores every tensor as {@code F64} (exact) or {@code F32} (rounded to nearest,
 * said so in the metadata) in the given order, back to back; the header is padded with spaces
 * so the data start at a multiple of 8 bytes, as the reference writer does. The write is atomic
 * ({@link AtomicFiles}).
 */
public final class Safetensors {
    /** The largest header accepted, 100,000,000 bytes (the reference implementation's limit). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** The header key of the string → string metadata. */
    public static final String METADATA_KEY = "__metadata__";
    /** The metadata key naming the dtype of a file written as F32. */
    public static final String DTYPE_KEY = "dtype";
    /** The metadata key stating how an F32 file's values were rounded from doubles. */
    public static final String ROUNDING_KEY = "rounding";
    /** The value of {@value #ROUNDING_KEY} in F32 files radnet writes. */
    public static final String F32_ROUNDING = "nearest (ties to even) from F64";

    /** 2⁵³: every I64 value of at most this magnitude reads as a double exactly. */
    private static final long EXACT_INTEGER = 1L << 53;
    /** F64 tensors are read through a direct buffer of this many bytes (a multiple of 8). */
    private static final int READ_CHUNK_BYTES = 1 << 20;
    /** Tensors are written through a heap buffer of this many bytes (a multiple of 8). */
    private static final int WRITE_CHUNK_BYTES = 1 << 20;

    /**
     * Reads and writes headers with Jackson's streaming parser and generator: the header is a
     * small tree, and the data binding layer would cost more class loading than a whole
     * {@code radnet compress} of a (784, 1024³, 10) network spends reading its file.
     */
    private static final JsonFactory JSON =
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** A JSON {@code null} in a parsed header (the other values are maps, lists, strings, numbers and booleans). */
    private static final Object JSON_NULL = JsonToken.VALUE_NULL;

    private Safetensors() {
    }

    /** A header entry that passed validation: where its bytes are and how to decode them. */
    private record Entry(String name, String dtype, int[] shape, long begin, long end) {
    }

    /**
     * Reads and validates a safetensors file.
     *
     * @param file the file
     * @return its metadata and tensors, in header order
     * @throws ModelFileException naming the file and the problem if it is not a valid
     *     safetensors file of F64/F32 tensors with finite values, or cannot be read
     */
    public static TensorFile read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw fail(file, "the file is " + size + " bytes, shorter than the 8-byte header length every safetensors"
                        + " file starts with (truncated, or not a safetensors file)");
            }
            long headerLength = readFully(channel, 0, 8, file).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 0 || headerLength > size - 8) {
                throw fail(file, "the header length " + Long.toUnsignedString(headerLength) + " bytes is past the end of the"
                        + " file (" + size + " bytes): truncated, or not a safetensors file");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw fail(file, "the header length " + headerLength + " bytes exceeds the limit of " + MAX_HEADER_BYTES);
            }
            byte[] headerBytes = readFully(channel, 8, (int) headerLength, file).array();
            long dataLength = size - 8 - headerLength;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = parseHeader(file, headerBytes, dataLength, metadata);
            checkFullyIndexed(file, entries, dataLength, 8 + headerLength);
            List<NamedTensor> tensors = new ArrayList<>(entries.size());
            ByteBuffer chunk = null;
            for (Entry e : entries) {
                long position = 8 + headerLength + e.begin();
                int length = (int) (e.end() - e.begin());
                if (e.dtype().equals("F64")) {
                    if (chunk == null) {
                        chunk = ByteBuffer.allocateDirect(READ_CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                    }
                    tensors.add(tensor(file, e, readDoubles(channel, position, length / 8, chunk, file)));
                } else {
                    tensors.add(decode(file, e, readFully(channel, position, length, file).order(ByteOrder.LITTLE_ENDIAN)));
                }
            }
            return new TensorFile(metadata, tensors);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads count little-endian doubles at the file position straight into a new array, through
     * the direct buffer chunk (the channel then reads into it without a temporary copy, and the
     * chunk is still in cache when its doubles are copied out); no buffer of the tensor's size
     * is allocated besides the array.
     */
    private static double[] readDoubles(FileChannel channel, long position, int count, ByteBuffer chunk, Path file)
            throws IOException {
        double[] values = new double[count];
        int chunkDoubles = chunk.capacity() / 8;
        for (int done = 0; done < count; ) {
            int doubles = Math.min(chunkDoubles, count - done);
            chunk.clear().limit(8 * doubles);
            long at = position + 8L * done;
            while (chunk.hasRemaining()) {
                if (channel.read(chunk, at + chunk.position()) < 0) {
                    throw fail(file, "the file ended early while reading " + 8L * count + " bytes at offset " + position);
                }
            }
            chunk.flip().asDoubleBuffer().get(values, done, doubles);
            done += doubles;
        }
        return values;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length, Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw fail(file, "the file ended early while reading " + length + " bytes at offset " + position);
            }
        }
        return buffer.flip();
    }

    private static List<Entry> parseHeader(Path file, byte[] headerBytes, long dataLength, Map<String, String> metadata) {
        String text = Utf8Text.decode(file, headerBytes, 8);
        Object header;
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            header = first == null ? null : readValue(parser);
            if (parser.nextToken() != null) {
                throw fail(file, "the header has text after its JSON object, at line "
                        + parser.currentTokenLocation().getLineNr() + ", column " + parser.currentTokenLocation().getColumnNr());
            }
        } catch (JsonProcessingException e) {
            throw fail(file, "the header is not valid JSON: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw fail(file, "the header cannot be parsed: " + e.getMessage());
        }
        if (!(header instanceof Map<?, ?> fields)) {
            throw fail(file, "the header must be a JSON object of tensor name → {dtype, shape, data_offsets}");
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            String name = (String) field.getKey();
            if (name.equals(METADATA_KEY)) {
                readMetadata(file, field.getValue(), metadata);
            } else {
                entries.add(entry(file, name, field.getValue(), dataLength));
            }
        }
        return entries;
    }

    /**
     * Reads the JSON value at the parser's current token, which it leaves at the value's last
     * token: an object as a {@link LinkedHashMap} in field order, an array as a {@link List},
     * a string, an integer as a {@link Long} (a {@link BigInteger} beyond its range), any other
     * number as a {@link Double}, a boolean, or {@link #JSON_NULL}.
     */
    private static Object readValue(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, readValue(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? parser.getBigIntegerValue()
                        : (Object) parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return parser.getBooleanValue();
            }
            case VALUE_NULL -> {
                return JSON_NULL;
            }
            default -> throw new IllegalStateException("the JSON parser yielded " + parser.currentToken()
                    + " where a value starts");
        }
    }

    /** @return the text with line breaks replaced by spaces, for one-line messages */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]+", " ");
    }

    private static void readMetadata(Path file, Object node, Map<String, String> metadata) {
        if (!(node instanceof Map<?, ?> fields)) {
            throw fail(file, METADATA_KEY + " must be an object of string values");
        }
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            if (!(field.getValue() instanceof String value)) {
                throw fail(file, METADATA_KEY + " value '" + field.getKey() + "' must be a string, got "
                        + json(field.getValue()));
            }
            metadata.put((String) field.getKey(), value);
        }
    }

    private static Entry entry(Path file, String name, Object node, long dataLength) {
        String where = "tensor '" + name + "': ";
        if (!(node instanceof Map<?, ?> fields)) {
            throw fail(file, where + "expected {dtype, shape, data_offsets}, got " + abbreviate(node));
        }
        if (!(fields.get("dtype") instanceof String dtype)) {
            throw fail(file, where + "missing or non-string dtype");
        }
        int itemSize = switch (dtype) {
            case "F64" -> 8;
            case "F32" -> 4;
            case "I64" -> 8;
            default -> throw fail(file, where + "dtype " + dtype + " is not supported (radnet reads F64, F32 and I64)");
        };
        long[] dims = nonNegativeIntegers(file, where, fields.get("shape"), "shape", -1);
        long[] offsets = nonNegativeIntegers(file, where, fields.get("data_offsets"), "data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        long count = 1;
        long bytes;
        try {
            for (long d : dims) {
                count = Math.multiplyExact(count, d);
            }
            bytes = Math.multiplyExact(count, (long) itemSize);
        } catch (ArithmeticException e) {
            throw fail(file, where + "shape " + Arrays.toString(dims) + " of " + dtype
                    + " declares more than 2^63 bytes");
        }
        if (begin > end) {
            throw fail(file, where + "data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        if (end > dataLength) {
            throw fail(file, where + "data_offsets [" + begin + ", " + end + "] run past the end of the data buffer ("
                    + dataLength + " bytes): truncated or corrupt file");
        }
        if (end - begin != bytes) {
            throw fail(file, where + "dtype " + dtype + " and shape " + Arrays.toString(dims) + " need " + bytes
                    + " bytes but its data_offsets [" + begin + ", " + end + "] hold " + (end - begin));
        }
        int[] shape = new int[dims.length];
        for (int k = 0; k < dims.length; k++) {
            if (dims[k] > Integer.MAX_VALUE || count > Integer.MAX_VALUE - 8) {
                throw fail(file, where + "shape " + Arrays.toString(dims) + " has more entries than a Java array holds");
            }
            shape[k] = (int) dims[k];
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static long[] nonNegativeIntegers(Path file, String where, Object node, String key, int length) {
        if (!(node instanceof List<?> array) || (length >= 0 && array.size() != length)) {
            throw fail(file, where + key + " must be an array of " + (length >= 0 ? length + " " : "")
                    + "non-negative integers, got " + (node == null ? "nothing" : abbreviate(node)));
        }
        long[] values = new long[array.size()];
        for (int k = 0; k < values.length; k++) {
            if (!(array.get(k) instanceof Long value) || value < 0) {
                throw fail(file, where + key + " must hold non-negative integers below 2^63, got " + abbreviate(node));
            }
            values[k] = value;
        }
        return values;
    }

    /**
     * Requires the tensors, ordered by (begin, end), to tile the data buffer [0, dataLength):
     * each begins where the previous one ended, the first at 0, the last ending at dataLength.
     */
    private static void checkFullyIndexed(Path file, List<Entry> entries, long dataLength, long dataStart) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long position = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin() < position) {
                throw fail(file, "tensors '" + previous.name() + "' [" + previous.begin() + ", " + previous.end() + ") and '"
                        + e.name() + "' [" + e.begin() + ", " + e.end() + ") overlap in the data buffer");
            }
            if (e.begin() > position) {
                throw fail(file, "the data buffer has " + (e.begin() - position) + " bytes that no tensor indexes at file offset "
                        + (dataStart + position) + " (" + (previous == null ? "before tensor '" + e.name() + "'"
                        : "between tensors '" + previous.name() + "' and '" + e.name() + "'")
                        + "); safetensors data must be fully indexed");
            }
            position = e.end();
            previous = e;
        }
        if (position < dataLength) {
            throw fail(file, "the file has " + (dataLength - position) + " bytes after the last tensor's data, at file offset "
                    + (dataStart + position) + "; safetensors data must be fully indexed");
        }
    }

    private static NamedTensor decode(Path file, Entry e, ByteBuffer bytes) {
        int count = (int) ((e.end() - e.begin()) / (e.dtype().equals("F32") ? 4 : 8));
        double[] values = new double[count];
        if (e.dtype().equals("I64")) {
            for (int k = 0; k < count; k++) {
                long value = bytes.getLong();
                if (value > EXACT_INTEGER || value < -EXACT_INTEGER) {
                    throw fail(file, "tensor '" + e.name() + "' has the I64 value " + value + " at "
                            + NamedTensor.indexString(e.shape(), k) + ", beyond 2^53 where doubles are exact");
                }
                values[k] = value;
            }
        } else {
            for (int k = 0; k < count; k++) {
                values[k] = bytes.getFloat();
            }
        }
        return tensor(file, e, values);
    }

    /**
     * @param values a new array the reader filled; the tensor takes it over (not copied)
     * @return the entry's tensor over values
     * @throws ModelFileException when a value is not finite, naming the tensor and the index (the tensor checks)
     */
    private static NamedTensor tensor(Path file, Entry e, double[] values) {
        try {
            return NamedTensor.adopting(e.name(), e.shape(), values);
        } catch (IllegalArgumentException notFinite) {
            throw fail(file, notFinite.getMessage());
        }
    }

    private static String abbreviate(Object node) {
        String s = json(node);
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** @return a parsed header value as compact JSON (integers as written, other numbers as {@link Double#toString}) */
    private static String json(Object node) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(text)) {
            writeValue(generator, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void writeValue(JsonGenerator generator, Object node) throws IOException {
        if (node instanceof Map<?, ?> fields) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> field : fields.entrySet()) {
                generator.writeFieldName((String) field.getKey());
                writeValue(generator, field.getValue());
            }
            generator.writeEndObject();
        } else if (node instanceof List<?> array) {
            generator.writeStartArray();
            for (Object element : array) {
                writeValue(generator, element);
            }
            generator.writeEndArray();
        } else if (node instanceof String string) {
            generator.writeString(string);
        } else if (node instanceof Long integer) {
            generator.writeNumber(integer);
        } else if (node instanceof BigInteger integer) {
            generator.writeNumber(integer);
        } else if (node instanceof Double number) {
            generator.writeNumber(number);
        } else if (node instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else {
            generator.writeNull();
        }
    }

    private static ModelFileException fail(Path file, String problem) {
        return new ModelFileException(file + ": " + problem);
    }

    /**
     * Writes tensors as an F64 safetensors file, atomically: {@link #write(Path, TensorFile, Dtype)}
     * with {@link Dtype#F64}.
     *
     * @param file the file to create or replace; its directory must exist
     * @param content the metadata (string → string) and the tensors, written in order
     * @throws IllegalArgumentException if a tensor is named {@value #METADATA_KEY}
     * @throws UncheckedIOException naming the file when it cannot be written; an existing file
     *     is then unchanged
     */
    public static void write(Path file, TensorFile content) {
        write(file, content, Dtype.F64);
    }

    /**
     * Writes tensors as a safetensors file of one dtype, atomically.
     *
     * <p>F64 stores every value exactly, with the metadata as given except the keys
     * {@value #DTYPE_KEY} and {@value #ROUNDING_KEY}, which describe how a file stores its values
     * and are dropped. F32 rounds every value to the nearest float (ties to even) and adds
     * {@value #DTYPE_KEY}{@code =F32} and {@value #ROUNDING_KEY}{@code =}{@value #F32_ROUNDING}
     * to the metadata; a value beyond the float range (|x| &gt; 3.4028235e38, which would round
     * to ∞) is refused before anything is written.
     *
     * @param file the file to create or replace; its directory must exist
     * @param content the metadata (string → string) and the tensors, written in order
     * @param dtype the element type of every tensor
     * @throws IllegalArgumentException if a tensor is named {@value #METADATA_KEY}, or, for F32,
     *     holds a value beyond the float range (naming the tensor and the index)
     * @throws UncheckedIOException naming the file when it cannot be written; an existing file
     *     is then unchanged
     */
    public static void write(Path file, TensorFile content, Dtype dtype) {
        try (AtomicFiles.Prepared prepared = prepareWrite(file, content, dtype)) {
            prepared.commit();
        }
    }

    /**
     * {@link #write(Path, TensorFile, Dtype)} up to the rename: the file is written to its
     * temporary name ({@link AtomicFiles#prepare}), for the caller to commit or discard.
     *
     * @param file the file to create or replace; its directory must exist
     * @param content the metadata (string → string) and the tensors, written in order
     * @param dtype the element type of every tensor
     * @return the written temporary file
     * @throws IllegalArgumentException as {@link #write(Path, TensorFile, Dtype)}
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public static AtomicFiles.Prepared prepareWrite(Path file, TensorFile content, Dtype dtype) {
        Map<String, String> metadata = new LinkedHashMap<>(content.metadata());
        metadata.remove(DTYPE_KEY);
        metadata.remove(ROUNDING_KEY);
        if (dtype == Dtype.F32) {
            metadata.put(DTYPE_KEY, dtype.name());
            metadata.put(ROUNDING_KEY, F32_ROUNDING);
        }
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put(METADATA_KEY, metadata);
        }
        List<NamedTensor> tensors = content.tensors();
        long offset = 0;
        for (NamedTensor t : tensors) {
            if (t.name().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor cannot be named " + METADATA_KEY);
            }
            requireEncodable(t, dtype);
            long bytes = (long) dtype.itemSize() * t.sharedValues().length;
            List<Object> shape = new ArrayList<>(t.shape().length);
            for (int d : t.shape()) {
                shape.add((long) d);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", dtype.name());
            entry.put("shape", shape);
            entry.put("data_offsets", List.of(offset, offset + bytes));
            header.put(t.name(), entry);
            offset += bytes;
        }
        byte[] json = json(header).getBytes(StandardCharsets.UTF_8);
        int padded = (int) ((8 + json.length + 7L) / 8 * 8 - 8);
        byte[] headerBytes = Arrays.copyOf(json, padded);
        Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
        return AtomicFiles.prepare(file, out -> {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(length.array());
            out.write(headerBytes);
            ByteBuffer chunk = ByteBuffer.allocate(WRITE_CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (NamedTensor t : tensors) {
                writeValues(out, t.sharedValues(), dtype, chunk);
            }
        });
    }

    /**
     * @throws IllegalArgumentException naming the tensor and index of its first value beyond the
     *     F32 range, when the dtype is F32 (every finite double is an F64)
     */
    private static void requireEncodable(NamedTensor t, Dtype dtype) {
        if (dtype == Dtype.F64) {
            return;
        }
        double[] values = t.sharedValues();
        for (int k = 0; k < values.length; k++) {
            if (Float.isInfinite((float) values[k])) {
                throw new IllegalArgumentException("tensor '" + t.name() + "' has " + values[k] + " at "
                        + NamedTensor.indexString(t.shape(), k) + ", beyond the F32 range (±" + Float.MAX_VALUE
                        + "); save it as F64");
            }
        }
    }

    /**
     * Writes values as little-endian bytes of the dtype (F32 rounds to nearest), chunk's capacity
     * at a time: no buffer of the tensor's size is allocated, neither on the heap nor by the
     * channel beneath the stream (which copies each heap array it writes into a direct buffer
     * of that size).
     *
     * @param chunk a little-endian heap buffer whose capacity is a multiple of 8; overwritten
     */
    private static void writeValues(OutputStream out, double[] values, Dtype dtype, ByteBuffer chunk)
            throws IOException {
        int itemSize = dtype.itemSize();
        int perChunk = chunk.capacity() / itemSize;
        for (int done = 0; done < values.length; done += perChunk) {
            int count = Math.min(perChunk, values.length - done);
            chunk.clear();
            if (dtype == Dtype.F64) {
                chunk.asDoubleBuffer().put(values, done, count);
            } else {
                for (int k = done; k < done + count; k++) {
                    chunk.putFloat((float) values[k]);
                }
            }
            out.write(chunk.array(), 0, count * itemSize);
        }
    }
}
