import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

public class Main {
    public static void main(String[] args) throws Exception {
        String baseUrl = env("AETHEX_BASE_URL", "https://api.aethex.dev");
        String clientId = System.getenv("AETHEX_CLIENT_ID");
        if (clientId == null || clientId.isEmpty()) throw new IllegalStateException("Set AETHEX_CLIENT_ID");
        String clientSecret = System.getenv("AETHEX_CLIENT_SECRET");
        if (clientSecret == null || clientSecret.isEmpty()) throw new IllegalStateException("Set AETHEX_CLIENT_SECRET");

        HttpRequest request = HttpRequest.newBuilder()
            .uri(URI.create(baseUrl + "/v1/auth/token"))
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .method("POST", HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=projects%3Aread+deployments%3Awrite"))
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
