AETHEX_BASE_URL="${AETHEX_BASE_URL:-https://api.aethex.dev}"
: "${AETHEX_CLIENT_ID:?Set AETHEX_CLIENT_ID}" "${AETHEX_CLIENT_SECRET:?Set AETHEX_CLIENT_SECRET}"

curl --silent --show-error --request POST \
  --url "$AETHEX_BASE_URL/v1/auth/token" \
  --user "$AETHEX_CLIENT_ID:$AETHEX_CLIENT_SECRET" \
  --header 'Content-Type: application/x-www-form-urlencoded' \
  --data-urlencode grant_type=client_credentials \
  --data-urlencode 'scope=projects:read deployments:write' \
  --write-out '\nHTTP %{http_code}\nX-Request-ID: %header{x-request-id}\nX-RateLimit-Remaining: %header{x-ratelimit-remaining}\n'
