AETHEX_BASE_URL="${AETHEX_BASE_URL:-https://api.aethex.dev}"
: "${AETHEX_TOKEN:?Set AETHEX_TOKEN to an access token or personal access token}"
# The delivery to check (default: the documented example); the body is built with jq.
[ -n "${AETHEX_WEBHOOK_PAYLOAD:-}" ] || AETHEX_WEBHOOK_PAYLOAD='{"id":"evt_2Vx8Kp4Lq9Mz1Rt6","type":"deployment.succeeded","created_at":"2026-11-30T10:15:00Z","data":{"project_id":"prj_8fK2mQ9xLp4Rt7Vb","deployment_id":"dep_6Hn3Jw8Qs1Xc5Lb9","environment":"production","commit_sha":"9f2c4e7a1b3d5f6081a2c4e6f8b0d1e3a5c7e9f1","artifacts":[{"name":"web-bundle.tar.gz","url":"https://artifacts.aethex.dev/prj_8fK2mQ9xLp4Rt7Vb/dep_6Hn3Jw8Qs1Xc5Lb9/web-bundle.tar.gz","size_bytes":18874368}],"promoted_at":"2026-11-30T10:14:58Z","duration_seconds":212}}'
[ -n "${AETHEX_WEBHOOK_ID:-}" ] || AETHEX_WEBHOOK_ID='msg_2Vx8Kp4Lq9Mz1Rt6'
[ -n "${AETHEX_WEBHOOK_TIMESTAMP:-}" ] || AETHEX_WEBHOOK_TIMESTAMP='1796033700'
[ -n "${AETHEX_WEBHOOK_SIGNATURE:-}" ] || AETHEX_WEBHOOK_SIGNATURE='v1,1W1M6wIS0VwoEc9wCao9pBwjLWJu9ZYStNUOzw1OS6M='

curl --silent --show-error --request POST \
  --url "$AETHEX_BASE_URL/v1/webhooks/verify" \
  --header 'AeThex-Environment: production' \
  --header "Authorization: Bearer $AETHEX_TOKEN" \
  --header 'Content-Type: application/json' \
  --data-raw "$(jq -n --arg webhook_payload "$AETHEX_WEBHOOK_PAYLOAD" --arg webhook_id "$AETHEX_WEBHOOK_ID" --arg webhook_timestamp "$AETHEX_WEBHOOK_TIMESTAMP" --arg webhook_signature "$AETHEX_WEBHOOK_SIGNATURE" '{
  "payload": $webhook_payload,
  "headers": {
    "webhook-id": $webhook_id,
    "webhook-timestamp": $webhook_timestamp,
    "webhook-signature": $webhook_signature
  }
}')" \
  --write-out '\nHTTP %{http_code}\nX-Request-ID: %header{x-request-id}\nX-RateLimit-Remaining: %header{x-ratelimit-remaining}\n'
