const baseUrl = process.env.AETHEX_BASE_URL || 'https://api.aethex.dev';
const token = process.env.AETHEX_TOKEN;
if (!token) throw new Error('Set AETHEX_TOKEN to an access token or personal access token');
// A new key per run; set AETHEX_IDEMPOTENCY_KEY to retry a request safely with the same key.
// The header carries it in double quotes: an RFC 8941 string.
const idempotencyKey = process.env.AETHEX_IDEMPOTENCY_KEY || crypto.randomUUID();

const options = {
  method: 'POST',
  headers: {
    Authorization: `Bearer ${token}`,
    'AeThex-Environment': 'production',
    'Content-Type': 'application/json',
    'Idempotency-Key': `"${idempotencyKey}"`
  },
  body: JSON.stringify({
    "name": "storefront"
  }, null, 2)
};

fetch(`${baseUrl}/v1/projects`, options)
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
