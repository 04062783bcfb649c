AETHEX_BASE_URL="${AETHEX_BASE_URL:-https://api.aethex.dev}"
: "${AETHEX_TOKEN:?Set AETHEX_TOKEN to an access token or personal access token}"

curl --silent --show-error --request GET \
  --url "$AETHEX_BASE_URL/v1/projects?page=1&limit=25" \
  --header 'AeThex-Environment: production' \
  --header "Authorization: Bearer $AETHEX_TOKEN" \
  --write-out '\nHTTP %{http_code}\nX-Request-ID: %header{x-request-id}\nX-RateLimit-Remaining: %header{x-ratelimit-remaining}\n'
