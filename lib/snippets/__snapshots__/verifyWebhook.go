package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
)

func main() {
	baseURL := envOr("AETHEX_BASE_URL", "https://api.aethex.dev")
	// An access token or personal access token.
	token := os.Getenv("AETHEX_TOKEN")
	if token == "" {
		fmt.Fprintln(os.Stderr, "Set AETHEX_TOKEN")
		os.Exit(1)
	}

	url := baseURL + "/v1/webhooks/verify"

	payload := strings.NewReader(fmt.Sprintf(`{
  "payload": %s,
  "headers": {
    "webhook-id": %s,
    "webhook-timestamp": %s,
    "webhook-signature": %s
  }
}`,
		jsonString(envOr("AETHEX_WEBHOOK_PAYLOAD", "{\"id\":\"evt_2Vx8Kp4Lq9Mz1Rt6\",\"type\":\"deployment.succeeded\",\"created_at\":\"2026-11-30T10:15:00Z\",\"data\":{\"project_id\":\"prj_8fK2mQ9xLp4Rt7Vb\",\"deployment_id\":\"dep_6Hn3Jw8Qs1Xc5Lb9\",\"environment\":\"production\",\"commit_sha\":\"9f2c4e7a1b3d5f6081a2c4e6f8b0d1e3a5c7e9f1\",\"artifacts\":[{\"name\":\"web-bundle.tar.gz\",\"url\":\"https://artifacts.aethex.dev/prj_8fK2mQ9xLp4Rt7Vb/dep_6Hn3Jw8Qs1Xc5Lb9/web-bundle.tar.gz\",\"size_bytes\":18874368}],\"promoted_at\":\"2026-11-30T10:14:58Z\",\"duration_seconds\":212}}")),
		jsonString(envOr("AETHEX_WEBHOOK_ID", "msg_2Vx8Kp4Lq9Mz1Rt6")),
		jsonString(envOr("AETHEX_WEBHOOK_TIMESTAMP", "1796033700")),
		jsonString(envOr("AETHEX_WEBHOOK_SIGNATURE", "v1,1W1M6wIS0VwoEc9wCao9pBwjLWJu9ZYStNUOzw1OS6M="))))

	req, err := http.NewRequest("POST", url, payload)

	if err != nil {
		panic(err)
	}
	req.Header.Add("Authorization", "Bearer "+token)
	req.Header.Add("AeThex-Environment", "production")
	req.Header.Add("Content-Type", "application/json")

	res, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		panic(err)
	}
	fmt.Println("HTTP", res.StatusCode)
	fmt.Println("X-Request-ID:", res.Header.Get("X-Request-ID"))
	fmt.Println("X-RateLimit-Remaining:", res.Header.Get("X-RateLimit-Remaining"))
	fmt.Println(string(body))
}

// envOr returns the environment variable name, or fallback when it is unset or empty.
func envOr(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

// jsonString returns value as a JSON string literal (quoted and escaped).
func jsonString(value string) string {
	encoded, err := json.Marshal(value)
	if err != nil {
		panic(err)
	}
	return string(encoded)
}
