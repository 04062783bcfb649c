import os

import requests

base_url = os.environ.get("AETHEX_BASE_URL") or "https://api.aethex.dev"
token = os.environ["AETHEX_TOKEN"]  # an access token or personal access token

url = f"{base_url}/v1/projects?page=1&limit=25"

headers = {
    "Authorization": f"Bearer {token}",
    "AeThex-Environment": "production"
}

response = requests.get(url, headers=headers)

print("HTTP", response.status_code)
print("X-Request-ID:", response.headers.get("X-Request-ID"))
print("X-RateLimit-Remaining:", response.headers.get("X-RateLimit-Remaining"))
print(response.text)
