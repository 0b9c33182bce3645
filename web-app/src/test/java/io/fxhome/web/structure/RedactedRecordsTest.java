package io.fxhome.web.structure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.ws.rs.core.NewCookie;

import org.junit.jupiter.api.Test;

import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.SessionCookie;

/**
 * Every record of the web app that holds a token, password, code, CSRF token, key, handle, OAuth state or cookie value
 * writes none of them in its {@code toString}: it declares its own, and a record built with recognisable values in
 * those components prints none of them (in any spelling: as given, hex, base64). The records are found on the class
 * path, so a new one is checked without being listed.
 */
class RedactedRecordsTest {
    /** Component names that hold a secret. */
    static final Pattern SECRET = Pattern.compile(
            "(?i).*(token|password|secret|csrf|cookie|handle|pending|plaintext|code|state|authorizationurl|key).*");
    /** Components whose name matches but which hold no secret. */
    static final List<String> NOT_SECRET = List.of("ProblemBody.code", "SyncOverview.state");

    @Test
    void recordsHoldingSecretsPrintNone() throws Exception {
        List<Class<?>> records = webRecords();
        assertThat(records).hasSizeGreaterThan(20);
        List<String> checked = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : records) {
            List<RecordComponent> secret = secretComponents(type);
            if (secret.isEmpty()) {
                continue;
            }
            checked.add(type.getName());
            if (!declaresToString(type)) {
                leaks.add(type.getName() + " keeps the default toString");
                continue;
            }
            RecordComponent[] all = type.getRecordComponents();
            Object[] values = new Object[all.length];
            List<String> planted = new ArrayList<>();
            for (int i = 0; i < all.length; i++) {
                values[i] = sample(all[i], planted, secret.contains(all[i]));
            }
            Constructor<?> c = type.getDeclaredConstructor(
                    Stream.of(all).map(RecordComponent::getType).toArray(Class<?>[]::new));
            c.setAccessible(true);
            String text = String.valueOf(c.newInstance(values));
            for (String p : planted) {
                if (text.contains(p) || text.toLowerCase().contains(p.toLowerCase())) {
                    leaks.add(type.getName() + ".toString() shows " + p + ": " + text);
                }
            }
        }
        assertThat(checked).as("records with secrets").contains("io.fxhome.web.session.SessionStarter$Started",
                "io.fxhome.web.signin.api.VerifyRequest", "io.fxhome.web.account.MeResource$MeAnswer",
                "io.fxhome.web.signin.api.SessionAnswer", "io.fxhome.web.signin.api.SignInRequest",
                "io.fxhome.web.signin.api.BrowserSignInRequest", "io.fxhome.web.session.SessionCookie",
                "io.fxhome.web.secret.AccountSecret", "io.fxhome.web.tokens.ApiTokens$Created",
                "io.fxhome.web.tokens.TokensResource$CreatedAnswer");
        assertThat(leaks).isEmpty();
    }

    private static List<RecordComponent> secretComponents(Class<?> type) {
        List<RecordComponent> out = new ArrayList<>();
        for (RecordComponent rc : type.getRecordComponents()) {
            // A byte[] prints as its address by default; a cookie or a session prints its value.
            boolean secretType = rc.getType() == NewCookie.class || rc.getType() == SessionCookie.class;
            boolean flag = rc.getType().isPrimitive() || rc.getType() == Boolean.class || rc.getType() == Integer.class;
            boolean secretName = !flag && SECRET.matcher(rc.getName()).matches()
                    && !NOT_SECRET.contains(type.getSimpleName() + "." + rc.getName());
            if (secretType || secretName) {
                out.add(rc);
            }
        }
        return out;
    }

    /** A value for the component; for secret ones, a recognisable one whose spellings go into {@code planted}. */
    private static Object sample(RecordComponent rc, List<String> planted, boolean secret) {
        Class<?> t = rc.getType();
        String marker = "Planted" + rc.getName() + UUID.randomUUID().toString().replace("-", "");
        if (t == String.class) {
            if (secret) {
                planted.add(marker);
            }
            return marker;
        }
        if (t == byte[].class) {
            byte[] b = marker.getBytes();
            planted.add(HexFormat.of().formatHex(b));
            planted.add(Base64.getEncoder().encodeToString(b).replace("=", ""));
            planted.add(marker);
            return b;
        }
        if (t == NewCookie.class) {
            planted.add(marker);
            return new NewCookie.Builder("fxhome_session").value(marker).build();
        }
        if (t == SessionCookie.class) {
            SessionCookie cookie = SessionCookie.generate(UUID.randomUUID());
            planted.add(cookie.value().substring(37));
            planted.add(cookie.csrfToken());
            return cookie;
        }
        if (t == URI.class) {
            if (secret) {
                planted.add(marker);
            }
            return URI.create("https://accounts.example/authorization?state=" + marker);
        }
        if (t == boolean.class) {
            return false;
        }
        if (t == int.class) {
            return 0;
        }
        if (t == long.class) {
            return 0L;
        }
        if (t == java.util.Optional.class) {
            return java.util.Optional.empty();
        }
        if (t == List.class) {
            return List.of();
        }
        if (t == java.util.Set.class) {
            return java.util.Set.of();
        }
        if (t == java.util.Map.class) {
            return java.util.Map.of();
        }
        if (t == UUID.class) {
            return UUID.randomUUID();
        }
        return null;
    }

    private static boolean declaresToString(Class<?> type) {
        try {
            type.getDeclaredMethod("toString");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static List<Class<?>> webRecords() throws Exception {
        Path classes = Path.of(Problem.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, RedactedRecordsTest.class.getClassLoader());
                if (type.isRecord()) {
                    out.add(type);
                }
            }
        }
        return out;
    }
}
