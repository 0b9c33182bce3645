package io.fxhome.web.testsupport;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * A person on the sandbox's stand-in for Mozilla's sign-in page, over plain HTTP form posts: opens the authorization
 * address fxhome gave, signs in, and returns the address of the page they land on (the one they would paste).
 */
public final class MozillaSignInPage {
    private MozillaSignInPage() {
    }

    /** The authorization request's query, decoded. */
    public static Map<String, String> query(String authorizationUrl) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : URI.create(authorizationUrl).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Signs in with email and password (no confirmation step); returns the address Mozilla's page sends the browser to. */
    public static String signIn(String authorizationUrl, String email, String password) {
        URI authorization = URI.create(authorizationUrl);
        // The address as fxhome made it: already encoded, not to be encoded again.
        RestAssured.given().urlEncodingEnabled(false).redirects().follow(false).get(authorizationUrl).then().statusCode(200);
        Map<String, String> form = new LinkedHashMap<>(query(authorizationUrl));
        form.put("email", email);
        form.put("password", password);
        Response answer = RestAssured.given().redirects().follow(false).formParams(form)
                .post(authorization.getScheme() + "://" + authorization.getAuthority() + authorization.getPath());
        answer.then().statusCode(302);
        return answer.getHeader("Location");
    }
}
