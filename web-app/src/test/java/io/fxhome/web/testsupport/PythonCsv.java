package io.fxhome.web.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A CSV file's rows as Python's {@code csv} module reads them (strict, RFC 4180's "excel" dialect): no Java CSV library
 * resolves offline here, and a parser nobody in this project wrote is the better judge of fxhome's CSV writer.
 */
public final class PythonCsv {
    private PythonCsv() {
    }

    public static List<List<String>> rows(byte[] csv) throws Exception {
        Path file = Files.createTempFile("fxhome", ".csv");
        Path out = Files.createTempFile("fxhome", ".json");
        try {
            Files.write(file, csv);
            Process p = new ProcessBuilder("python3", "-c", """
                    import csv, json, sys
                    with open(sys.argv[1], newline='', encoding='utf-8', errors='strict') as f:
                        rows = list(csv.reader(f, strict=True))
                    with open(sys.argv[2], 'w', encoding='utf-8') as o:
                        json.dump(rows, o)
                    """, file.toString(), out.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(output).isZero();
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode row : new ObjectMapper().readTree(out.toFile())) {
                List<String> cells = new ArrayList<>();
                row.forEach(c -> cells.add(c.asText()));
                rows.add(cells);
            }
            return rows;
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(out);
        }
    }
}
