import base64
import os

import requests

base_url = os.environ.get("AETHEX_BASE_URL") or "https://api.aethex.dev"
client_id = os.environ["AETHEX_CLIENT_ID"]
client_secret = os.environ["AETHEX_CLIENT_SECRET"]

url = f"{base_url}/v1/auth/token"

payload = {
    "grant_type": "client_credentials",
    "scope": "projects:read deployments:write"
}
headers = {
    "Authorization": "Basic " + base64.b64encode(f"{client_id}:{client_secret}".encode()).decode(),
    "Content-Type": "application/x-www-form-urlencoded"
}

response = requests.post(url, data=payload, headers=headers)

print("HTTP", response.status_code)
print("X-Request-ID:", response.headers.get("X-Request-ID"))
print("X-RateLimit-Remaining:", response.headers.get("X-RateLimit-Remaining"))
print(response.text)
