package dev.shapes.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison behind the oracle tests must notice every kind of disagreement, or those tests assert nothing. */
class VerdictsTest {

    private static OracleCase of(String dsl, String expectJson) {
        JsonObject expect = JsonParser.parseString(expectJson).getAsJsonObject();
        return new OracleCase("test", "t#1", "t", "torch", dsl, expect);
    }

    private static final String DSL = "use torch\nx: f32[2] = [1.0, 3.0]\ny = x.mean()\n";

    @Test
    void agreementIsEmpty() {
        assertEquals(List.of(), Verdicts.disagreements(of(DSL,
                "{\"status\":\"ok\",\"warnings\":[],\"dtype\":\"f32\",\"shape\":[],\"value\":2.0}"), false));
    }

    @Test
    void eachFieldIsCompared() {
        assertTrue(Verdicts.disagreements(of(DSL, "{\"status\":\"error\",\"type\":\"RuntimeError\",\"message\":\"x\"}"),
                false).get(0).startsWith("status"));
        assertTrue(Verdicts.disagreements(of(DSL,
                "{\"status\":\"ok\",\"warnings\":[],\"dtype\":\"f64\",\"shape\":[],\"value\":2.0}"), false).get(0)
                .startsWith("dtype"));
        assertTrue(Verdicts.disagreements(of(DSL,
                "{\"status\":\"ok\",\"warnings\":[],\"dtype\":\"f32\",\"shape\":[1],\"value\":2.0}"), false).get(0)
                .startsWith("shape"));
        assertTrue(Verdicts.disagreements(of(DSL,
                "{\"status\":\"ok\",\"warnings\":[],\"dtype\":\"f32\",\"shape\":[],\"value\":2.0001}"), false).get(0)
                .startsWith("value"));
        assertTrue(Verdicts.disagreements(of(DSL,
                "{\"status\":\"ok\",\"warnings\":[\"w\"],\"dtype\":\"f32\",\"shape\":[],\"value\":2.0}"), false).get(0)
                .startsWith("warnings"));
    }

    @Test
    void messagesAreComparedExactlyOrByTheirCore() {
        String dsl = "use torch\na: f32[2, 3]\nb = a @ a\n";
        String exact = "{\"status\":\"error\",\"type\":\"RuntimeError\","
                + "\"message\":\"mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)\"}";
        assertEquals(List.of(), Verdicts.disagreements(of(dsl, exact), false));
        String other = exact.replace("2x3 and 2x3", "2x3 and 3x3");
        assertTrue(Verdicts.disagreements(of(dsl, other), false).get(0).startsWith("message"));
        String core = "{\"status\":\"error\",\"type\":\"RuntimeError\",\"message\":\"prefix\","
                + "\"message_core\":\"shapes cannot be multiplied\"}";
        assertEquals(List.of(), Verdicts.disagreements(of(dsl, core), true));
    }

    @Test
    void toleranceIsTheOraclesRelativeAndAbsolute() {
        assertTrue(Verdicts.close(JsonParser.parseString("1000.0"), JsonParser.parseString("1000.009")));
        assertTrue(!Verdicts.close(JsonParser.parseString("1000.0"), JsonParser.parseString("1000.02")));
        assertTrue(Verdicts.close(JsonParser.parseString("0.0"), JsonParser.parseString("0.0000009")));
    }
}
