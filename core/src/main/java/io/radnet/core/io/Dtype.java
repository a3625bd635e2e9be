package io.radnet.core.io;

import java.util.Locale;

/**
 * The element types a safetensors model file is written in. Reading accepts both and widens
 * F32 exactly to double; writing F32 rounds every double to the nearest float (ties to even,
 * IEEE 754 narrowing), so a value x is stored as fl₃₂(x) with |fl₃₂(x) − x| ≤ 2⁻²⁴·|x| for
 * normal floats.
 */
public enum Dtype {
    /** IEEE 754 binary64, 8 bytes: the parameters exactly. */
    F64(8),
    /** IEEE 754 binary32, 4 bytes: the parameters rounded to nearest. */
    F32(4);

    private final int itemSize;

    Dtype(int itemSize) {
        this.itemSize = itemSize;
    }

    /** @return the bytes per element, 8 or 4 */
    public int itemSize() {
        return itemSize;
    }

    /** @return the command-line spelling, {@code f64} or {@code f32} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name {@code f64} or {@code f32}, case-insensitive
     * @return the dtype
     * @throws IllegalArgumentException listing the choices otherwise
     */
    public static Dtype byName(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "f64" -> F64;
            case "f32" -> F32;
            default -> throw new IllegalArgumentException("unknown dtype '" + name + "'; accepted: f64, f32");
        };
    }
}
