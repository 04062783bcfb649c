import os
import uuid

import requests

base_url = os.environ.get("AETHEX_BASE_URL") or "https://api.aethex.dev"
token = os.environ["AETHEX_TOKEN"]  # an access token or personal access token
# A new key per run; set AETHEX_IDEMPOTENCY_KEY to retry a request safely with the same key.
# The header carries it in double quotes: an RFC 8941 string.
idempotency_key = os.environ.get("AETHEX_IDEMPOTENCY_KEY") or str(uuid.uuid4())

url = f"{base_url}/v1/projects"

payload = r"""{
  "name": "storefront"
}"""
headers = {
    "Authorization": f"Bearer {token}",
    "AeThex-Environment": "production",
    "Content-Type": "application/json",
    "Idempotency-Key": f'"{idempotency_key}"'
}

response = requests.post(url, data=payload.encode("utf-8"), headers=headers)

print("HTTP", response.status_code)
print("X-Request-ID:", response.headers.get("X-Request-ID"))
print("X-RateLimit-Remaining:", response.headers.get("X-RateLimit-Remaining"))
print(response.text)
