AETHEX_BASE_URL="${AETHEX_BASE_URL:-https://api.aethex.dev}"
: "${AETHEX_TOKEN:?Set AETHEX_TOKEN to an access token or personal access token}"
AETHEX_PROJECT_ID="${AETHEX_PROJECT_ID:-prj_8fK2mQ9xLp4Rt7Vb}"

curl --silent --show-error --request GET \
  --url "$AETHEX_BASE_URL/v1/projects/$AETHEX_PROJECT_ID/metrics?window=24h" \
  --header 'AeThex-Environment: production' \
  --header "Authorization: Bearer $AETHEX_TOKEN" \
  --write-out '\nHTTP %{http_code}\nX-Request-ID: %header{x-request-id}\nX-RateLimit-Remaining: %header{x-ratelimit-remaining}\n'
