import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

public class Main {
    public static void main(String[] args) throws Exception {
        String baseUrl = env("AETHEX_BASE_URL", "https://api.aethex.dev");
        // An access token or personal access token.
        String token = System.getenv("AETHEX_TOKEN");
        if (token == null || token.isEmpty()) throw new IllegalStateException("Set AETHEX_TOKEN");
        // A new key per run; set AETHEX_IDEMPOTENCY_KEY to retry a request safely with the same key.
        // The header carries it in double quotes: an RFC 8941 string.
        String idempotencyKey = env("AETHEX_IDEMPOTENCY_KEY", UUID.randomUUID().toString());

        HttpRequest request = HttpRequest.newBuilder()
            .uri(URI.create(baseUrl + "/v1/projects"))
            .header("Authorization", "Bearer " + token)
            .header("AeThex-Environment", "production")
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "\"" + idempotencyKey + "\"")
            .method("POST", HttpRequest.BodyPublishers.ofString("{\n  \"name\": \"storefront\"\n}"))
            .build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println("HTTP " + response.statusCode());
        System.out.println("X-Request-ID: " + response.headers().firstValue("X-Request-ID").orElse(""));
        System.out.println("X-RateLimit-Remaining: " + response.headers().firstValue("X-RateLimit-Remaining").orElse(""));
        System.out.println(response.body());
    }

    /** The environment variable name, or fallback when it is unset or empty. */
    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
