const baseUrl = process.env.AETHEX_BASE_URL || 'https://api.aethex.dev';
const clientId = process.env.AETHEX_CLIENT_ID;
const clientSecret = process.env.AETHEX_CLIENT_SECRET;
if (!clientId || !clientSecret) throw new Error('Set AETHEX_CLIENT_ID and AETHEX_CLIENT_SECRET');

const options = {
  method: 'POST',
  headers: {
    Authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}`,
    'Content-Type': 'application/x-www-form-urlencoded'
  },
  body: new URLSearchParams({grant_type: 'client_credentials', scope: 'projects:read deployments:write'})
};

fetch(`${baseUrl}/v1/auth/token`, options)
  .then(async (res) => {
    console.log(`HTTP ${res.status}`);
    console.log(`X-Request-ID: ${res.headers.get('X-Request-ID')}`);
    console.log(`X-RateLimit-Remaining: ${res.headers.get('X-RateLimit-Remaining')}`);
    console.log(await res.text());
  })
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
