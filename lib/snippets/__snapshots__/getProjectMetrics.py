import os

import requests

base_url = os.environ.get("AETHEX_BASE_URL") or "https://api.aethex.dev"
token = os.environ["AETHEX_TOKEN"]  # an access token or personal access token
project_id = os.environ.get("AETHEX_PROJECT_ID") or "prj_8fK2mQ9xLp4Rt7Vb"

url = f"{base_url}/v1/projects/{project_id}/metrics?window=24h"

headers = {
    "Authorization": f"Bearer {token}",
    "AeThex-Environment": "production"
}

response = requests.get(url, headers=headers)

print("HTTP", response.status_code)
print("X-Request-ID:", response.headers.get("X-Request-ID"))
print("X-RateLimit-Remaining:", response.headers.get("X-RateLimit-Remaining"))
print(response.text)
