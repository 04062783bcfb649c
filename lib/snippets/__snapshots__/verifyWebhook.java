import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class Main {
    public static void main(String[] args) throws Exception {
        String baseUrl = env("AETHEX_BASE_URL", "https://api.aethex.dev");
        // An access token or personal access token.
        String token = System.getenv("AETHEX_TOKEN");
        if (token == null || token.isEmpty()) throw new IllegalStateException("Set AETHEX_TOKEN");

        HttpRequest request = HttpRequest.newBuilder()
            .uri(URI.create(baseUrl + "/v1/webhooks/verify"))
            .header("Authorization", "Bearer " + token)
            .header("AeThex-Environment", "production")
            .header("Content-Type", "application/json")
            .method("POST", HttpRequest.BodyPublishers.ofString(String.format("{\n  \"payload\": %s,\n  \"headers\": {\n    \"webhook-id\": %s,\n    \"webhook-timestamp\": %s,\n    \"webhook-signature\": %s\n  }\n}", json(env("AETHEX_WEBHOOK_PAYLOAD", "{\"id\":\"evt_2Vx8Kp4Lq9Mz1Rt6\",\"type\":\"deployment.succeeded\",\"created_at\":\"2026-11-30T10:15:00Z\",\"data\":{\"project_id\":\"prj_8fK2mQ9xLp4Rt7Vb\",\"deployment_id\":\"dep_6Hn3Jw8Qs1Xc5Lb9\",\"environment\":\"production\",\"commit_sha\":\"9f2c4e7a1b3d5f6081a2c4e6f8b0d1e3a5c7e9f1\",\"artifacts\":[{\"name\":\"web-bundle.tar.gz\",\"url\":\"https://artifacts.aethex.dev/prj_8fK2mQ9xLp4Rt7Vb/dep_6Hn3Jw8Qs1Xc5Lb9/web-bundle.tar.gz\",\"size_bytes\":18874368}],\"promoted_at\":\"2026-11-30T10:14:58Z\",\"duration_seconds\":212}}")), json(env("AETHEX_WEBHOOK_ID", "msg_2Vx8Kp4Lq9Mz1Rt6")), json(env("AETHEX_WEBHOOK_TIMESTAMP", "1796033700")), json(env("AETHEX_WEBHOOK_SIGNATURE", "v1,1W1M6wIS0VwoEc9wCao9pBwjLWJu9ZYStNUOzw1OS6M=")))))
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

    /** value as a JSON string literal (quoted; quotes, backslashes and control characters escaped, RFC 8259 §7). */
    static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }
}
