package main

import (
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
)

func main() {
	baseURL := envOr("AETHEX_BASE_URL", "https://api.aethex.dev")
	clientID := os.Getenv("AETHEX_CLIENT_ID")
	if clientID == "" {
		fmt.Fprintln(os.Stderr, "Set AETHEX_CLIENT_ID")
		os.Exit(1)
	}
	clientSecret := os.Getenv("AETHEX_CLIENT_SECRET")
	if clientSecret == "" {
		fmt.Fprintln(os.Stderr, "Set AETHEX_CLIENT_SECRET")
		os.Exit(1)
	}

	url := baseURL + "/v1/auth/token"

	payload := strings.NewReader(`grant_type=client_credentials&scope=projects%3Aread+deployments%3Awrite`)

	req, err := http.NewRequest("POST", url, payload)

	if err != nil {
		panic(err)
	}
	req.Header.Add("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(clientID+":"+clientSecret)))
	req.Header.Add("Content-Type", "application/x-www-form-urlencoded")

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
