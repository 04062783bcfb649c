package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
)

func main() {
	baseURL := envOr("AETHEX_BASE_URL", "https://api.aethex.dev")
	// An access token or personal access token.
	token := os.Getenv("AETHEX_TOKEN")
	if token == "" {
		fmt.Fprintln(os.Stderr, "Set AETHEX_TOKEN")
		os.Exit(1)
	}
	projectID := envOr("AETHEX_PROJECT_ID", "prj_8fK2mQ9xLp4Rt7Vb")

	url := baseURL + "/v1/projects/" + projectID + "/metrics?window=24h"

	req, err := http.NewRequest("GET", url, nil)

	if err != nil {
		panic(err)
	}
	req.Header.Add("Authorization", "Bearer "+token)
	req.Header.Add("AeThex-Environment", "production")

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
