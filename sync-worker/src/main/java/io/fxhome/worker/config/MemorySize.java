package io.fxhome.worker.config;

import java.util.Locale;

/** Parses sizes as operators write them: {@code 48M}, {@code 1G}, {@code 512k}, or plain bytes. */
final class MemorySize {
    private MemorySize() {
    }

    static long parse(String text, String property) {
        String s = text.strip().toUpperCase(Locale.ROOT);
        if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        long unit = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'K' -> unit = 1L << 10;
                case 'M' -> unit = 1L << 20;
                case 'G' -> unit = 1L << 30;
                default -> unit = 1;
            }
        }
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        try {
            return Math.multiplyExact(Long.parseLong(digits.strip()), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(property + " must be a size such as 48M or 1G, not '" + text + "'");
        }
    }
}
