package main

import (
	"crypto/rand"
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
	// A new key per run; set AETHEX_IDEMPOTENCY_KEY to retry a request safely with the same key.
	// The header carries it in double quotes: an RFC 8941 string.
	idempotencyKey := envOr("AETHEX_IDEMPOTENCY_KEY", newUUID())

	url := baseURL + "/v1/projects"

	payload := strings.NewReader(`{
  "name": "storefront"
}`)

	req, err := http.NewRequest("POST", url, payload)

	if err != nil {
		panic(err)
	}
	req.Header.Add("Authorization", "Bearer "+token)
	req.Header.Add("AeThex-Environment", "production")
	req.Header.Add("Content-Type", "application/json")
	req.Header.Add("Idempotency-Key", "\""+idempotencyKey+"\"")

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

// newUUID returns a random (version 4) UUID, RFC 9562.
func newUUID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
