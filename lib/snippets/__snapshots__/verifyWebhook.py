import json
import os

import requests

base_url = os.environ.get("AETHEX_BASE_URL") or "https://api.aethex.dev"
token = os.environ["AETHEX_TOKEN"]  # an access token or personal access token

url = f"{base_url}/v1/webhooks/verify"

payload = json.dumps({
  "payload": os.environ.get("AETHEX_WEBHOOK_PAYLOAD") or "{\"id\":\"evt_2Vx8Kp4Lq9Mz1Rt6\",\"type\":\"deployment.succeeded\",\"created_at\":\"2026-11-30T10:15:00Z\",\"data\":{\"project_id\":\"prj_8fK2mQ9xLp4Rt7Vb\",\"deployment_id\":\"dep_6Hn3Jw8Qs1Xc5Lb9\",\"environment\":\"production\",\"commit_sha\":\"9f2c4e7a1b3d5f6081a2c4e6f8b0d1e3a5c7e9f1\",\"artifacts\":[{\"name\":\"web-bundle.tar.gz\",\"url\":\"https://artifacts.aethex.dev/prj_8fK2mQ9xLp4Rt7Vb/dep_6Hn3Jw8Qs1Xc5Lb9/web-bundle.tar.gz\",\"size_bytes\":18874368}],\"promoted_at\":\"2026-11-30T10:14:58Z\",\"duration_seconds\":212}}",
  "headers": {
    "webhook-id": os.environ.get("AETHEX_WEBHOOK_ID") or "msg_2Vx8Kp4Lq9Mz1Rt6",
    "webhook-timestamp": os.environ.get("AETHEX_WEBHOOK_TIMESTAMP") or "1796033700",
    "webhook-signature": os.environ.get("AETHEX_WEBHOOK_SIGNATURE") or "v1,1W1M6wIS0VwoEc9wCao9pBwjLWJu9ZYStNUOzw1OS6M="
  }
}, indent=2)
headers = {
    "Authorization": f"Bearer {token}",
    "AeThex-Environment": "production",
    "Content-Type": "application/json"
}

response = requests.post(url, data=payload.encode("utf-8"), headers=headers)

print("HTTP", response.status_code)
print("X-Request-ID:", response.headers.get("X-Request-ID"))
print("X-RateLimit-Remaining:", response.headers.get("X-RateLimit-Remaining"))
print(response.text)
