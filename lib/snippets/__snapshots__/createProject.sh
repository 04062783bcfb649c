AETHEX_BASE_URL="${AETHEX_BASE_URL:-https://api.aethex.dev}"
: "${AETHEX_TOKEN:?Set AETHEX_TOKEN to an access token or personal access token}"
# A new key per run; set AETHEX_IDEMPOTENCY_KEY to retry a request safely with the same key.
# The header carries it in double quotes: an RFC 8941 string.
IDEMPOTENCY_KEY="${AETHEX_IDEMPOTENCY_KEY:-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}"

curl --silent --show-error --request POST \
  --url "$AETHEX_BASE_URL/v1/projects" \
  --header 'AeThex-Environment: production' \
  --header "Authorization: Bearer $AETHEX_TOKEN" \
  --header 'Content-Type: application/json' \
  --header "Idempotency-Key: \"$IDEMPOTENCY_KEY\"" \
  --data-raw '{
  "name": "storefront"
}' \
  --write-out '\nHTTP %{http_code}\nX-Request-ID: %header{x-request-id}\nX-RateLimit-Remaining: %header{x-ratelimit-remaining}\n'
