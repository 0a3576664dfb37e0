package dev.shapes.conformance;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One recorded case of ../shared/oracle (copied to src/test/resources/oracle): a program and what the framework did. */
record OracleCase(String file, String id, String family, String framework, String dsl, JsonObject expect) {

    static List<OracleCase> load(String file) {
        return loadResource("/oracle/" + file);
    }

    /** Cases from any test resource in the oracle format, e.g. "/recorded/torch-1.13-extra.jsonl". */
    static List<OracleCase> loadResource(String resource) {
        String file = resource.substring(resource.lastIndexOf('/') + 1);
        List<OracleCase> cases = new ArrayList<>();
        InputStream in = OracleCase.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                cases.add(new OracleCase(file, o.get("id").getAsString(), o.get("family").getAsString(),
                        o.get("framework").getAsString(), o.get("dsl").getAsString(), o.getAsJsonObject("expect")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    static List<OracleCase> load(String file, String framework) {
        return load(file).stream().filter(c -> c.framework().equals(framework)).toList();
    }

    String expectString(String key) {
        JsonElement e = expect.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    @Override
    public String toString() {
        return file + ":" + id;
    }
}
